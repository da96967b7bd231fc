package io.fynedesk.connector.blocks;

/**
 * Public notion.so links to blocks and pages, for placeholders of content that does not convert.
 */
final class NotionUrls {

  private NotionUrls() {}

  /** {@code https://www.notion.so/<id without dashes>}, or null without an id. */
  static String blockUrl(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(22 + id.length()).append("https://www.notion.so/");
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c != '-') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Whether Notion will accept {@code url} as a link: absolute http(s), mailto or tel. */
  static boolean isLinkable(String url) {
    if (url == null) {
      return false;
    }
    return startsWithIgnoreCase(url, "https://")
        || startsWithIgnoreCase(url, "http://")
        || startsWithIgnoreCase(url, "mailto:")
        || startsWithIgnoreCase(url, "tel:");
  }

  /**
   * Whether {@code url} can be the source of an external file (image, video…): absolute http(s).
   */
  static boolean isWebUrl(String url) {
    return url != null
        && (startsWithIgnoreCase(url, "https://") || startsWithIgnoreCase(url, "http://"));
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
