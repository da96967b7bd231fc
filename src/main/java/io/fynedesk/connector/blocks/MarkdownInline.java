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
    StringBuilder stack = new StringBuilder(8);
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
      escape(out, text, 0, start, table);
      String link = link(rt);
      String marks = marks(rt);
      if (link != null) {
        out.append('[').append(marks);
        core(out, rt, text, start, end, table);
        closeAll(out, marks);
        out.append("](");
        destination(out, link);
        out.append(')');
      } else {
        for (int m = 0; m < marks.length(); m += width(marks, m)) {
          String mark = mark(marks, m);
          if (stack.indexOf(mark) < 0 || (mark == ITALIC && !hasItalic(stack))) {
            stack.append(mark);
            out.append(mark);
          }
        }
        core(out, rt, text, start, end, table);
      }
      String next = nextMarks(items, i + 1);
      closeNotIn(out, stack, next);
      escape(out, text, end, text.length(), table);
    }
    closeAll(out, stack);
  }

  private static String link(RichText rt) {
    return rt.kind() == RichText.Kind.MENTION ? rt.mention().href() : rt.link();
  }

  private static final String BOLD = "**";
  private static final String ITALIC = "*";
  private static final String STRIKE = "~~";

  /** Every combination of bold (1), italic (2) and strikethrough (4), markers in that order. */
  private static final String[] MARKS = {
    "", BOLD, ITALIC, BOLD + ITALIC, STRIKE, BOLD + STRIKE, ITALIC + STRIKE, BOLD + ITALIC + STRIKE
  };

  private static String marks(RichText rt) {
    Annotations a = rt.annotations();
    return MARKS[(a.bold() ? 1 : 0) | (a.italic() ? 2 : 0) | (a.strikethrough() ? 4 : 0)];
  }

  private static int width(CharSequence marks, int m) {
    return m + 1 < marks.length() && marks.charAt(m + 1) == marks.charAt(m) ? 2 : 1;
  }

  /** The marker starting at {@code m} (one of the shared constants). */
  private static String mark(CharSequence marks, int m) {
    return marks.charAt(m) == '~' ? STRIKE : width(marks, m) == 2 ? BOLD : ITALIC;
  }

  /** Whether a single {@code *} remains once every {@code **} pair (left to right) is removed. */
  private static boolean hasItalic(CharSequence marks) {
    for (int i = 0, n = marks.length(); i < n; i++) {
      if (marks.charAt(i) == '*') {
        if (i + 1 < n && marks.charAt(i + 1) == '*') {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
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
    // The text is not empty, so it is blank only if it starts with whitespace.
    if (link(rt) != null || Character.isWhitespace(rt.text().charAt(0))) {
      return "";
    }
    return marks(rt);
  }

  private static void closeNotIn(StringBuilder out, StringBuilder stack, String keep) {
    boolean keepBold = keep.contains("**");
    boolean keepItalic = hasItalic(keep);
    boolean keepStrike = keep.contains("~~");
    int cut = -1;
    for (int m = 0; m < stack.length(); m += width(stack, m)) {
      String mark = mark(stack, m);
      boolean kept = mark == BOLD ? keepBold : mark == ITALIC ? keepItalic : keepStrike;
      if (!kept) {
        cut = m;
        break;
      }
    }
    if (cut >= 0) {
      closeAll(out, stack, cut);
      stack.setLength(cut);
    }
  }

  private static void closeAll(StringBuilder out, CharSequence marks) {
    closeAll(out, marks, 0);
  }

  /** Closes the markers {@code marks[from..]}, innermost first. */
  private static void closeAll(StringBuilder out, CharSequence marks, int from) {
    for (int i = marks.length() - 1; i >= from; i--) {
      out.append(marks.charAt(i));
    }
  }

  /** The run's text between {@code start} and {@code end}, formatted by its kind. */
  private static void core(
      StringBuilder out, RichText rt, String text, int start, int end, boolean table) {
    if (rt.annotations().code()) {
      codeSpan(out, text.substring(start, end), table);
    } else if (rt.kind() == RichText.Kind.EQUATION) {
      out.append('$');
      escape(out, text, start, end, table);
      out.append('$');
    } else {
      escape(out, text, start, end, table);
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

  /** Length of the longest run of backticks in {@code code}: fences must be longer than it. */
  static int longestBacktickRun(String code) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < code.length(); i++) {
      run = code.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private static void codeSpan(StringBuilder out, String code, boolean table) {
    int longest = longestBacktickRun(code);
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
    escape(out, s, 0, s.length(), table);
  }

  /** Characters that may need a backslash (or other rewriting) in {@link #escape}. */
  private static final boolean[] SPECIAL = new boolean[128];

  static {
    for (char c : "\\`*_[]<>~|$&\n#-+=.)".toCharArray()) {
      SPECIAL[c] = true;
    }
  }

  /**
   * {@link #escape(StringBuilder, String, boolean)} of {@code s[from..to)}, as if it were a
   * substring.
   */
  static void escape(StringBuilder out, String s, int from, int to, boolean table) {
    int plain = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 128 || !SPECIAL[c]) {
        continue;
      }
      out.append(s, plain, i);
      plain = i + 1;
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '<', '>', '~', '|', '$' -> out.append('\\').append(c);
        case '&' ->
            out.append(
                i + 1 < to && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '#')
                    ? "\\&"
                    : "&");
        case '\n' -> out.append(table ? "<br>" : "\\\n");
        case '#', '-', '+', '=' -> {
          if (atLineStart(out)) {
            out.append('\\');
          }
          out.append(c);
        }
        default -> {
          if (orderedMarkerBefore(out)) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    out.append(s, plain, to);
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
