package io.fynedesk.connector.web;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.springframework.stereotype.Component;

/**
 * The paths the routes serve on platform-http (REST DSL and plain consumers alike), so the security
 * layer can answer an unknown route with 404 {@code not_found} before asking for a token (CONTRACT
 * Errors: "unknown routes too"). Read from Camel's platform-http component, so a route added at run
 * time (routes reloaded from the ConfigMap) is known at once.
 */
@Component
public class KnownRoutes {

  private static final Pattern PARAM = Pattern.compile("\\{[^/}]+}");

  private final CamelContext camel;
  private volatile Snapshot snapshot = new Snapshot(Set.of(), List.of());

  KnownRoutes(CamelContext camel) {
    this.camel = camel;
  }

  private record Snapshot(Set<HttpEndpointModel> endpoints, List<Pattern> paths) {}

  /** Whether some route serves {@code path} (with any method); true while Camel is not up yet. */
  public boolean serves(String path) {
    PlatformHttpComponent http = camel.getComponent("platform-http", PlatformHttpComponent.class);
    if (http == null || !camel.isStarted()) {
      return true;
    }
    Set<HttpEndpointModel> endpoints = http.getHttpEndpoints();
    Snapshot s = snapshot;
    if (!s.endpoints().equals(endpoints)) {
      s =
          new Snapshot(
              Set.copyOf(endpoints), endpoints.stream().map(e -> template(e.getUri())).toList());
      snapshot = s;
    }
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return s.paths().stream().anyMatch(t -> t.matcher(p).matches());
  }

  /** {@code /a/{id}/b} → a pattern matching one path segment per parameter. */
  static Pattern template(String uri) {
    String u = uri.startsWith("/") ? uri : "/" + uri;
    StringBuilder regex = new StringBuilder();
    int at = 0;
    Matcher m = PARAM.matcher(u);
    while (m.find()) {
      regex.append(Pattern.quote(u.substring(at, m.start()))).append("[^/]+");
      at = m.end();
    }
    regex.append(Pattern.quote(u.substring(at)));
    return Pattern.compile(regex.toString());
  }
}
