package io.fynedesk.connector.blocks;

import java.util.List;

/**
 * Renders rich text as inline HTML. Each item is wrapped, outermost first, in a colour {@code
 * span}, a link, then {@code strong}, {@code em}, {@code s}, {@code u}, {@code code}.
 */
final class HtmlInlineRenderer {

  private final StringBuilder out;

  HtmlInlineRenderer(StringBuilder out) {
    this.out = out;
  }

  /** {@code pre}: inside a code block, where line breaks stay literal. */
  void render(List<RichText> items, boolean pre) {
    for (int i = 0, n = items.size(); i < n; i++) {
      item(items.get(i), pre);
    }
  }

  private void item(RichText rt, boolean pre) {
    Annotations a = rt.annotations();
    boolean colored = !"default".equals(a.color());
    if (colored) {
      out.append("<span");
      Html.attr(out, "data-color", a.color());
      out.append('>');
    }
    boolean linked = rt.link() != null && HtmlSafety.safeLink(rt.link());
    if (linked) {
      out.append("<a");
      Html.attr(out, "href", rt.link());
      out.append('>');
    }
    if (a.bold()) {
      out.append("<strong>");
    }
    if (a.italic()) {
      out.append("<em>");
    }
    if (a.strikethrough()) {
      out.append("<s>");
    }
    if (a.underline()) {
      out.append("<u>");
    }
    if (a.code()) {
      out.append("<code>");
    }
    switch (rt.kind()) {
      case TEXT -> text(rt.text(), pre);
      case EQUATION -> {
        out.append("<span class=\"notion-equation\">");
        Html.escape(out, rt.text());
        out.append("</span>");
      }
      case MENTION -> mention(rt);
    }
    if (a.code()) {
      out.append("</code>");
    }
    if (a.underline()) {
      out.append("</u>");
    }
    if (a.strikethrough()) {
      out.append("</s>");
    }
    if (a.italic()) {
      out.append("</em>");
    }
    if (a.bold()) {
      out.append("</strong>");
    }
    if (linked) {
      out.append("</a>");
    }
    if (colored) {
      out.append("</span>");
    }
  }

  private void text(String s, boolean pre) {
    if (pre || s.indexOf('\n') < 0) {
      Html.escape(out, s);
      return;
    }
    int start = 0;
    int nl;
    while ((nl = s.indexOf('\n', start)) >= 0) {
      Html.escape(out, s.substring(start, nl));
      out.append("<br>");
      start = nl + 1;
    }
    Html.escape(out, s.substring(start));
  }

  private void mention(RichText rt) {
    Mention m = rt.mention();
    String tag =
        switch (m.type()) {
          case "page", "database", "link_preview" -> "a";
          case "date" -> "time";
          default -> "span";
        };
    out.append('<').append(tag);
    String href = m.href();
    if (href != null && HtmlSafety.safeLink(href)) {
      Html.attr(out, "href", href);
    }
    Html.attr(out, "data-mention", m.type());
    if (m.id() != null) {
      Html.attr(out, "data-id", m.id());
    }
    if (m.start() != null) {
      Html.attr(out, "datetime", m.start());
    }
    if (m.end() != null) {
      Html.attr(out, "data-end", m.end());
    }
    out.append('>');
    text(rt.text(), false);
    out.append("</").append(tag).append('>');
  }
}
