package io.fynedesk.connector.blocks;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * What HTML the connector may emit (FyneDesk shows it to customers): links only to http, https,
 * mailto or relative URLs, images only from http(s) or relative URLs, and nothing jsoup's {@link
 * Safelist} would strip (no script, no event handlers, no {@code data:} / {@code javascript:} /
 * {@code vbscript:} URLs). The renderer drops unsafe URLs as it writes; {@link #clean} checks the
 * finished fragment against the safelist and re-cleans it if anything slipped through.
 */
public final class HtmlSafety {

  /** Resolves relative URLs for the protocol check only; never written out. */
  private static final String BASE = "https://relative.invalid/";

  private static final String[] DATA_ATTRIBUTES = {
    "class",
    "data-color",
    "data-end",
    "data-hosted",
    "data-icon",
    "data-icon-url",
    "data-id",
    "data-language",
    "data-mention",
    "data-notion-id",
    "data-notion-type",
    "data-row-header",
    "data-synced-from",
    "data-target-id",
    "data-target-type",
    "data-url",
    "data-width-ratio"
  };

  private static final Safelist SAFELIST =
      Safelist.relaxed()
          .addTags(
              "aside",
              "details",
              "summary",
              "figure",
              "figcaption",
              "hr",
              "input",
              "s",
              "time",
              "del")
          .addAttributes(":all", DATA_ATTRIBUTES)
          .addAttributes("input", "type", "checked", "disabled")
          .addAttributes("time", "datetime")
          .addEnforcedAttribute("input", "type", "checkbox")
          .removeProtocols("a", "href", "ftp")
          .removeProtocols("blockquote", "cite", "http", "https")
          .removeProtocols("q", "cite", "http", "https")
          .preserveRelativeLinks(true);

  private HtmlSafety() {}

  /** The safelist every emitted fragment must pass. */
  public static Safelist safelist() {
    return SAFELIST;
  }

  /** Whether {@code url} may be a link target: http, https, mailto or relative. */
  public static boolean safeLink(String url) {
    String scheme = scheme(url);
    return scheme == null
        || scheme.equals("http")
        || scheme.equals("https")
        || scheme.equals("mailto");
  }

  /** Whether {@code url} may be an image source: http, https or relative. */
  public static boolean safeSource(String url) {
    String scheme = scheme(url);
    return scheme == null || scheme.equals("http") || scheme.equals("https");
  }

  /**
   * The scheme of a URL as a browser would see it: entities decoded, whitespace and control
   * characters removed, lower case; {@code null} for a relative URL, {@code ""} for a URL that
   * cannot be judged (treated as unsafe).
   */
  static String scheme(String url) {
    if (url == null) {
      return "";
    }
    // Fast path for the common case: a URL that literally starts with a plain scheme has that
    // scheme.
    if (url.startsWith("https://")) {
      return "https";
    }
    if (url.startsWith("http://")) {
      return "http";
    }
    String decoded = url.indexOf('&') >= 0 ? Parser.unescapeEntities(url, true) : url;
    StringBuilder s = new StringBuilder(Math.min(decoded.length(), 64));
    for (int i = 0; i < decoded.length() && s.length() < 64; i++) {
      char c = decoded.charAt(i);
      if (c <= 0x20
          || c == 0x7f
          || Character.isISOControl(c)
          || Character.isWhitespace(c)
          || Character.getType(c) == Character.FORMAT) {
        continue;
      }
      if (c == ':') {
        String scheme = s.toString().toLowerCase(Locale.ROOT);
        return scheme.matches("[a-z][a-z0-9+.-]*") ? scheme : "";
      }
      if (c == '/' || c == '?' || c == '#' || c == '\\') {
        return null;
      }
      s.append(c);
    }
    return decoded.indexOf(':') >= 0 ? "" : null;
  }

  /** Whether the fragment passes the safelist as it is. */
  public static boolean isSafe(String html) {
    return html.isEmpty() || new Cleaner(SAFELIST).isValid(Jsoup.parseBodyFragment(html, BASE));
  }

  /** The fragment unchanged when it passes the safelist, otherwise cleaned by it. */
  public static String clean(String html) {
    if (isSafe(html)) {
      return html;
    }
    Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
    return Jsoup.clean(html, BASE, SAFELIST, settings);
  }
}
