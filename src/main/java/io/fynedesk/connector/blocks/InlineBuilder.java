package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Accumulates rich text from parsed HTML or Markdown: adjacent text with the same formatting and
 * link merges into one item. HTML layout whitespace (runs holding a line break) is collapsed when
 * the block is built, so a pretty-printed document yields the same text as a compact one.
 */
final class InlineBuilder {

  /** Marks collapsible layout whitespace until {@link #build()}; a noncharacter, never content. */
  static final char LAYOUT_SPACE = '\uffff';

  private final List<Object> items = new ArrayList<>();
  private StringBuilder current;
  private Annotations currentAnn;
  private String currentLink;
  private boolean sawLayout;
  private boolean significant;

  void text(String s, Annotations ann, String link) {
    if (s.isEmpty()) {
      return;
    }
    significant = true;
    if (current == null || !currentAnn.equals(ann) || !Objects.equals(currentLink, link)) {
      closeRun();
      current = new StringBuilder(s.length() + 16);
      currentAnn = ann;
      currentLink = link;
    }
    current.append(s);
  }

  /** HTML text with layout whitespace (runs containing a line break) marked for collapsing. */
  void htmlText(String s, Annotations ann, String link) {
    if (s.indexOf('\n') < 0
        && s.indexOf('\r') < 0
        && s.indexOf('\f') < 0
        && s.indexOf(LAYOUT_SPACE) < 0) {
      text(s, ann, link);
      return;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isHtmlSpace(c)) {
        int j = i;
        boolean layout = false;
        while (j < n && isHtmlSpace(s.charAt(j))) {
          char w = s.charAt(j++);
          layout |= w == '\n' || w == '\r' || w == '\f';
        }
        if (layout) {
          sb.append(LAYOUT_SPACE);
          sawLayout = true;
        } else {
          sb.append(s, i, j);
        }
        i = j;
      } else {
        if (c != LAYOUT_SPACE) {
          sb.append(c);
        }
        i++;
      }
    }
    text(sb.toString(), ann, link);
  }

  private static boolean isHtmlSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
  }

  void item(RichText rt) {
    closeRun();
    significant = true;
    items.add(rt);
  }

  /** Whether anything but layout whitespace was added. */
  boolean isSignificant() {
    if (!significant) {
      return false;
    }
    if (!sawLayout) {
      return true;
    }
    for (RichText rt : build()) {
      if (!rt.text().isEmpty() || rt.kind() != RichText.Kind.TEXT) {
        return true;
      }
    }
    return false;
  }

  private void closeRun() {
    if (current != null) {
      items.add(RichText.text(current.toString(), currentAnn, currentLink));
      current = null;
    }
  }

  /** The rich text, layout whitespace collapsed to single spaces and trimmed at both ends. */
  List<RichText> build() {
    closeRun();
    List<RichText> out = new ArrayList<>(items.size());
    for (Object o : items) {
      out.add((RichText) o);
    }
    return sawLayout ? collapse(out) : out;
  }

  private static List<RichText> collapse(List<RichText> in) {
    List<RichText> out = new ArrayList<>(in.size());
    boolean pending = false;
    char last = '\n';
    for (RichText rt : in) {
      if (rt.kind() != RichText.Kind.TEXT) {
        if (pending && last != ' ' && last != '\n') {
          appendText(out, " ", rt);
        }
        pending = false;
        out.add(rt);
        last = 'x';
        continue;
      }
      String s = rt.text();
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == LAYOUT_SPACE) {
          pending = true;
          continue;
        }
        if (pending && last != ' ' && last != '\n' && c != ' ' && c != '\n') {
          sb.append(' ');
        }
        pending = false;
        sb.append(c);
        last = c;
      }
      if (sb.length() > 0) {
        appendText(out, sb.toString(), rt);
      }
    }
    return out;
  }

  private static void appendText(List<RichText> out, String s, RichText style) {
    RichText piece = RichText.text(s, style.annotations(), style.link());
    if (!out.isEmpty() && out.get(out.size() - 1).sameStyle(piece)) {
      RichText last = out.remove(out.size() - 1);
      piece = last.withText(last.text() + s);
    }
    out.add(piece);
  }
}
