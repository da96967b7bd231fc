package io.fynedesk.connector.page;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's Content-Security-Policy: its own script and style files only (no inline code, no CDN),
 * API calls to its own origin only, and framing only by the connector and FyneDesk.
 */
final class ContentSecurityPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(ContentSecurityPolicy.class);

  private static final Pattern ORIGIN =
      Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", Pattern.CASE_INSENSITIVE);

  private ContentSecurityPolicy() {}

  /**
   * The policy header value.
   *
   * @param settingsUrl {@code fynedesk.settings-url} (FyneDesk's page that embeds this one), or
   *     null
   * @param extraAncestors further origins allowed to frame the page
   * @throws IllegalStateException when a configured ancestor is not {@code http(s)://host[:port]}
   */
  static String header(String settingsUrl, List<String> extraAncestors) {
    Set<String> ancestors = new LinkedHashSet<>();
    ancestors.add("'self'");
    if (settingsUrl != null && !settingsUrl.isBlank()) {
      originOf(settingsUrl).ifPresentOrElse(ancestors::add, ContentSecurityPolicy::warnNotAnOrigin);
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

  /** scheme://host[:port] of an absolute http(s) URL, lower-cased; empty for anything else. */
  static Optional<String> originOf(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      String origin =
          uri.getScheme().toLowerCase(Locale.ROOT)
              + "://"
              + uri.getHost().toLowerCase(Locale.ROOT)
              + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      return ORIGIN.matcher(origin).matches() ? Optional.of(origin) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // fynedesk.settings-url belongs to the OAuth callback; a value that is no URL only costs the
  // page its FyneDesk frame (said once at start), it does not stop the connector.
  private static void warnNotAnOrigin() {
    LOG.warn(
        "fynedesk.settings-url is not an absolute http(s) URL, so its origin may not frame the"
            + " connection page; set connector.page.frame-ancestors");
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
