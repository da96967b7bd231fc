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
    // Emphasis markers are opened and closed only where formatting changes, so adjacent runs never
    // produce ambiguous delimiter runs such as "**a***b*".
    StringBuilder stack = new StringBuilder();
    for (int i = 0, n = items.size(); i < n; i++) {
      RichText rt = items.get(i);
      String text = rt.text();
      if (text.isEmpty()) {
        continue;
      }
      int start = 0;
      int end = text.length();
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (start == end) {
        escape(out, text, table);
        continue;
      }
      escape(out, text.substring(0, start), table);
      String link = link(rt);
      String marks = marks(rt);
      if (link != null) {
        out.append('[').append(marks);
        core(out, rt, text.substring(start, end), table);
        closeAll(out, marks);
        out.append("](");
        destination(out, link);
        out.append(')');
      } else {
        for (int m = 0; m < marks.length(); m += width(marks, m)) {
          String mark = marks.substring(m, m + width(marks, m));
          if (stack.indexOf(mark) < 0 || (mark.equals("*") && !hasItalic(stack))) {
            stack.append(mark);
            out.append(mark);
          }
        }
        core(out, rt, text.substring(start, end), table);
      }
      String next = nextMarks(items, i + 1);
      closeNotIn(out, stack, next);
      escape(out, text.substring(end), table);
    }
    closeAll(out, stack.toString());
  }

  private static String link(RichText rt) {
    return rt.kind() == RichText.Kind.MENTION ? rt.mention().href() : rt.link();
  }

  private static String marks(RichText rt) {
    Annotations a = rt.annotations();
    return (a.bold() ? "**" : "") + (a.italic() ? "*" : "") + (a.strikethrough() ? "~~" : "");
  }

  private static int width(String marks, int m) {
    return marks.startsWith("**", m) || marks.startsWith("~~", m) ? 2 : 1;
  }

  private static boolean hasItalic(CharSequence stack) {
    String s = stack.toString().replace("**", "");
    return s.indexOf('*') >= 0;
  }

  /** The markers the next run keeps open: none when it is whitespace only or a link. */
  private static String nextMarks(List<RichText> items, int i) {
    while (i < items.size() && items.get(i).text().isEmpty()) {
      i++;
    }
    if (i >= items.size()) {
      return "";
    }
    RichText rt = items.get(i);
    if (link(rt) != null || rt.text().isBlank() || Character.isWhitespace(rt.text().charAt(0))) {
      return "";
    }
    return marks(rt);
  }

  private static void closeNotIn(StringBuilder out, StringBuilder stack, String keep) {
    boolean keepBold = keep.contains("**");
    boolean keepItalic = hasItalic(keep);
    boolean keepStrike = keep.contains("~~");
    int cut = -1;
    for (int m = 0; m < stack.length(); m += width(stack.toString(), m)) {
      String mark = stack.substring(m, m + width(stack.toString(), m));
      boolean kept = mark.equals("**") ? keepBold : mark.equals("*") ? keepItalic : keepStrike;
      if (!kept) {
        cut = m;
        break;
      }
    }
    if (cut >= 0) {
      closeAll(out, stack.substring(cut));
      stack.setLength(cut);
    }
  }

  private static void closeAll(StringBuilder out, String marks) {
    for (int i = marks.length() - 1; i >= 0; i--) {
      out.append(marks.charAt(i));
    }
  }

  private static void core(StringBuilder out, RichText rt, String core, boolean table) {
    if (rt.annotations().code()) {
      codeSpan(out, core, table);
    } else if (rt.kind() == RichText.Kind.EQUATION) {
      out.append('$');
      escape(out, core, table);
      out.append('$');
    } else {
      escape(out, core, table);
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
