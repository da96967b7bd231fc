package io.fynedesk.connector.blocks;

import java.util.List;

/**
 * Rich text as CommonMark/GFM inline Markdown: {@code **bold**}, {@code *italic*}, {@code
 * ~~strike~~}, code spans and links. Underline and colours have no Markdown form and are dropped;
 * mentions become links or plain text, inline equations {@code $…$}.
 */
final class MarkdownInline {

  private MarkdownInline() {}

  static void render(StringBuilder out, List<RichText> items, boolean table) {
    for (int i = 0, n = items.size(); i < n; i++) {
      item(out, items.get(i), table);
    }
  }

  private static void item(StringBuilder out, RichText rt, boolean table) {
    String text = rt.text();
    if (text.isEmpty()) {
      return;
    }
    Annotations a = rt.annotations();
    String link = rt.kind() == RichText.Kind.MENTION ? rt.mention().href() : rt.link();
    // Emphasis cannot start or end with whitespace in CommonMark: keep it outside the markers.
    int start = 0;
    int end = text.length();
    boolean marked = a.bold() || a.italic() || a.strikethrough() || a.code();
    if (marked) {
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      escape(out, text.substring(0, start), table);
      if (start == end) {
        return;
      }
    }
    String core = text.substring(start, end);
    if (link != null) {
      out.append('[');
    }
    String marks = (a.bold() ? "**" : "") + (a.italic() ? "*" : "") + (a.strikethrough() ? "~~" : "");
    out.append(marks);
    if (a.code()) {
      codeSpan(out, core, table);
    } else if (rt.kind() == RichText.Kind.EQUATION) {
      out.append('$');
      escape(out, core, table);
      out.append('$');
    } else {
      escape(out, core, table);
    }
    for (int i = marks.length() - 1; i >= 0; i--) {
      out.append(marks.charAt(i));
    }
    if (link != null) {
      out.append("](");
      destination(out, link);
      out.append(')');
    }
    if (marked) {
      escape(out, text.substring(end), table);
    }
  }

  private static void destination(StringBuilder out, String url) {
    boolean angle = false;
    for (int i = 0; i < url.length() && !angle; i++) {
      char c = url.charAt(i);
      angle = c == ' ' || c == '(' || c == ')' || c == '<' || c == '>';
    }
    if (!angle) {
      out.append(url);
      return;
    }
    out.append('<');
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '<' || c == '>') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('>');
  }

  private static void codeSpan(StringBuilder out, String code, boolean table) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < code.length(); i++) {
      run = code.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = code.startsWith("`") || code.endsWith("`");
    out.append(fence);
    if (pad) {
      out.append(' ');
    }
    String body = code.replace('\n', ' ');
    out.append(table ? body.replace("|", "\\|") : body);
    if (pad) {
      out.append(' ');
    }
    out.append(fence);
  }

  /**
   * Escapes Markdown punctuation so the text reads back literally. A line break becomes a hard
   * break ({@code \} at end of line), or {@code <br>} inside a table cell.
   */
  static void escape(StringBuilder out, String s, boolean table) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '<', '>', '~', '|', '$' -> out.append('\\').append(c);
        case '&' -> out.append(i + 1 < n && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '#')
            ? "\\&" : "&");
        case '\n' -> out.append(table ? "<br>" : "\\\n");
        case '#', '-', '+', '=' -> {
          if (atLineStart(out)) {
            out.append('\\');
          }
          out.append(c);
        }
        default -> {
          if ((c == '.' || c == ')') && orderedMarkerBefore(out)) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
  }

  /** Callers render each block's text into its own buffer, so a line starts at 0 or after '\n'. */
  private static boolean atLineStart(StringBuilder out) {
    int i = out.length() - 1;
    return i < 0 || out.charAt(i) == '\n';
  }

  /** Digits alone at the start of a line, which a following '.' or ')' would make a list marker. */
  private static boolean orderedMarkerBefore(StringBuilder out) {
    int i = out.length() - 1;
    int digits = 0;
    while (i >= 0 && out.charAt(i) >= '0' && out.charAt(i) <= '9') {
      i--;
      digits++;
    }
    return digits > 0 && (i < 0 || out.charAt(i) == '\n');
  }
}
