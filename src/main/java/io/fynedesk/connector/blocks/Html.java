package io.fynedesk.connector.blocks;

/** HTML escaping for the renderer: the characters jsoup's parser needs escaped, nothing more. */
final class Html {

  private Html() {}

  /** Appends {@code s} escaped for text content or a double-quoted attribute value. */
  static void escape(StringBuilder out, String s) {
    int start = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      String rep =
          switch (s.charAt(i)) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\u00a0' -> "&nbsp;";
            default -> null;
          };
      if (rep != null) {
        out.append(s, start, i).append(rep);
        start = i + 1;
      }
    }
    out.append(s, start, n);
  }

  /** Appends {@code name="value"} with a leading space, escaping the value. */
  static void attr(StringBuilder out, String name, String value) {
    out.append(' ').append(name).append("=\"");
    escape(out, value);
    out.append('"');
  }
}
