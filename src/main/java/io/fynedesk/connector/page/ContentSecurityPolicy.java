package io.fynedesk.connector.page;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The page's Content-Security-Policy: its own script and style files only (no inline code, no CDN),
 * API calls to its own origin only, and framing only by the connector and FyneDesk.
 */
final class ContentSecurityPolicy {

  private static final Pattern ORIGIN =
      Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", Pattern.CASE_INSENSITIVE);

  private ContentSecurityPolicy() {}

  /**
   * The policy header value.
   *
   * @param settingsUrl {@code fynedesk.settings-url} (FyneDesk's page that embeds this one), or
   *     null
   * @param extraAncestors further origins allowed to frame the page
   * @throws IllegalStateException when an origin is not {@code http(s)://host[:port]}
   */
  static String header(String settingsUrl, List<String> extraAncestors) {
    Set<String> ancestors = new LinkedHashSet<>();
    ancestors.add("'self'");
    if (settingsUrl != null && !settingsUrl.isBlank()) {
      ancestors.add(originOf(settingsUrl));
    }
    for (String origin : extraAncestors) {
      ancestors.add(checked(origin.trim(), "connector.page.frame-ancestors"));
    }
    List<String> directives = new ArrayList<>();
    directives.add("default-src 'none'");
    directives.add("script-src 'self'");
    directives.add("style-src 'self'");
    directives.add("img-src 'self'");
    directives.add("connect-src 'self'");
    directives.add("base-uri 'none'");
    directives.add("form-action 'none'");
    directives.add("frame-ancestors " + String.join(" ", ancestors));
    return String.join("; ", directives);
  }

  /** scheme://host[:port] of a URL, lower-cased. */
  static String originOf(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("fynedesk.settings-url is not a URL: " + url, e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalStateException("fynedesk.settings-url is not an absolute URL: " + url);
    }
    String origin =
        uri.getScheme().toLowerCase(Locale.ROOT)
            + "://"
            + uri.getHost().toLowerCase(Locale.ROOT)
            + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    return checked(origin, "fynedesk.settings-url");
  }

  // A value that is not a plain origin could smuggle directives (';') into the header.
  private static String checked(String origin, String property) {
    if (!ORIGIN.matcher(origin).matches()) {
      throw new IllegalStateException(
          property + " must be origins like https://acme.fynedesk.io, not: " + origin);
    }
    return origin.toLowerCase(Locale.ROOT);
  }
}
