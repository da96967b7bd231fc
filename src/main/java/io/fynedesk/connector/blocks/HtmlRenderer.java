package io.fynedesk.connector.blocks;

import java.util.List;

/**
 * Renders {@link Block}s as an HTML fragment for FyneDesk article bodies. Notion-only details
 * (colours, callout icons, code languages) travel as {@code data-*} attributes so that {@link
 * HtmlReader} can restore them; blocks that do not convert become visible placeholders.
 */
final class HtmlRenderer {

  private final StringBuilder out;
  private final Warnings warnings;
  private final HtmlInlineRenderer inline;

  HtmlRenderer(Warnings warnings, int sizeHint) {
    this.out = new StringBuilder(sizeHint);
    this.warnings = warnings;
    this.inline = new HtmlInlineRenderer(out);
  }

  /**
   * The fragment. Safe by construction: text and attributes are escaped, links and sources keep
   * only the schemes {@link HtmlSafety} allows, tags are the renderer's own (the block-tree
   * properties check every generated tree against {@link HtmlSafety#safelist()}). HTML that leaves
   * the connector still passes {@link HtmlSafety#clean} at its boundary, which re-parses it (a full
   * jsoup parse of a 20,000-block page costs about 8 times the rendering, so it is not done here
   * twice).
   */
  String render(List<Block> blocks) {
    blocks(blocks);
    return out.toString();
  }

  StringBuilder out() {
    return out;
  }

  void blocks(List<Block> blocks) {
    int i = 0;
    int n = blocks.size();
    while (i < n) {
      Block b = blocks.get(i);
      String kind = listKind(b);
      if (kind == null) {
        block(b);
        i++;
        continue;
      }
      out.append(
          switch (kind) {
            case "numbered_list_item" -> "<ol>\n";
            case "to_do" -> "<ul class=\"notion-to-do\">\n";
            default -> "<ul>\n";
          });
      while (i < n && kind.equals(listKind(blocks.get(i)))) {
        listItem(blocks.get(i++));
      }
      out.append("numbered_list_item".equals(kind) ? "</ol>\n" : "</ul>\n");
    }
  }

  private static String listKind(Block b) {
    String t = b.type();
    return switch (t) {
      case "bulleted_list_item", "numbered_list_item", "to_do" -> t;
      default -> null;
    };
  }

  private void listItem(Block b) {
    out.append("<li");
    if (b instanceof Block.ToDo t) {
      color(t.color());
      out.append("><input type=\"checkbox\" disabled").append(t.checked() ? " checked>" : ">");
      inline.render(t.text(), false);
      blocks(t.children());
    } else {
      Block.TextBlock t = (Block.TextBlock) b;
      color(t.color());
      out.append('>');
      textAndChildren(t.text(), t.children());
    }
    out.append("</li>\n");
  }

  /**
   * Inline text then child blocks; an empty {@code <p>} keeps an empty text apart from a first
   * child paragraph.
   */
  private void textAndChildren(List<RichText> text, List<Block> children) {
    inline.render(text, false);
    if (text.isEmpty() && !children.isEmpty() && "paragraph".equals(children.get(0).type())) {
      out.append("<p></p>");
    }
    blocks(children);
  }

  private void block(Block b) {
    if (b instanceof Block.TextBlock t) {
      textBlock(t);
    } else if (b instanceof Block.Heading h) {
      heading(h);
    } else if (b instanceof Block.Callout c) {
      callout(c);
    } else if (b instanceof Block.Code c) {
      code(c);
    } else if (b instanceof Block.Divider) {
      out.append("<hr>\n");
    } else if (b instanceof Block.Equation e) {
      out.append("<div class=\"notion-equation\">");
      Html.escape(out, e.expression());
      out.append("</div>\n");
    } else if (b instanceof Block.Table t) {
      new HtmlTableRenderer(out, inline).table(t);
    } else if (b instanceof Block.Media m && "image".equals(m.type()) && m.file().url() != null) {
      image(m);
    } else if (b instanceof Block.Container c) {
      container(c);
    } else {
      new HtmlPlaceholders(out, inline, warnings).placeholder(b);
      blocks(b.children());
    }
  }

  private void textBlock(Block.TextBlock t) {
    switch (t.type()) {
      case "toggle" -> {
        out.append("<details");
        color(t.color());
        out.append("><summary>");
        inline.render(t.text(), false);
        out.append("</summary>");
        blocks(t.children());
        out.append("</details>\n");
      }
      case "quote" -> {
        out.append("<blockquote");
        color(t.color());
        out.append('>');
        textAndChildren(t.text(), t.children());
        out.append("</blockquote>\n");
      }
      default -> {
        out.append("<p");
        color(t.color());
        out.append('>');
        inline.render(t.text(), false);
        out.append("</p>\n");
        indented(t.children());
      }
    }
  }

  private void heading(Block.Heading h) {
    if (h.toggleable()) {
      out.append("<details class=\"notion-toggle-heading\"><summary>");
    }
    out.append("<h").append(h.level());
    color(h.color());
    out.append('>');
    inline.render(h.text(), false);
    out.append("</h").append(h.level()).append('>');
    if (h.toggleable()) {
      out.append("</summary>");
      blocks(h.children());
      out.append("</details>\n");
    } else {
      out.append('\n');
      indented(h.children());
    }
  }

  /** Children of blocks that HTML cannot nest (paragraphs), kept in an indent container. */
  private void indented(List<Block> children) {
    if (!children.isEmpty()) {
      out.append("<div class=\"notion-indent\">\n");
      blocks(children);
      out.append("</div>\n");
    }
  }

  private void callout(Block.Callout c) {
    out.append("<aside class=\"notion-callout\"");
    Block.Icon icon = c.icon();
    if (icon != null) {
      if ("emoji".equals(icon.type())) {
        Html.attr(out, "data-icon", icon.value());
      } else {
        Html.attr(out, "data-icon-url", icon.value());
        if ("file".equals(icon.type())) {
          warnings.add(
              Warnings.EXPIRING_URL,
              "Callout icon is a Notion-hosted file whose URL expires",
              c.id());
        }
      }
    }
    color(c.color());
    out.append('>');
    textAndChildren(c.text(), c.children());
    out.append("</aside>\n");
  }

  private void code(Block.Code c) {
    boolean figure = !c.caption().isEmpty();
    if (figure) {
      out.append("<figure class=\"notion-code\">");
    }
    out.append("<pre");
    Html.attr(out, "data-language", c.language());
    out.append("><code class=\"language-");
    String lang = c.language();
    for (int i = 0; i < lang.length(); i++) {
      char ch = lang.charAt(i);
      out.append(
          ch == ' ' ? '-' : ch == '"' ? '_' : ch == '&' || ch == '<' || ch == '>' ? '_' : ch);
    }
    out.append("\">");
    inline.render(c.text(), true);
    out.append("</code></pre>");
    if (figure) {
      out.append("<figcaption>");
      inline.render(c.caption(), false);
      out.append("</figcaption></figure>");
    }
    out.append('\n');
  }

  private void image(Block.Media m) {
    if (m.file().hosted()) {
      warnings.add(
          Warnings.EXPIRING_URL,
          "Image is hosted by Notion; its URL expires about an hour after it was read",
          m.id());
    }
    out.append("<figure class=\"notion-image\"><img");
    if (HtmlSafety.safeSource(m.file().url())) {
      Html.attr(out, "src", m.file().url());
    }
    Html.attr(out, "alt", plain(m.caption()));
    out.append('>');
    if (!m.caption().isEmpty()) {
      out.append("<figcaption>");
      inline.render(m.caption(), false);
      out.append("</figcaption>");
    }
    out.append("</figure>\n");
  }

  private void container(Block.Container c) {
    switch (c.type()) {
      case "column_list" -> out.append("<div class=\"notion-column-list\">\n");
      case "column" -> {
        out.append("<div class=\"notion-column\"");
        if (c.widthRatio() != null) {
          Html.attr(out, "data-width-ratio", String.valueOf(c.widthRatio()));
        }
        out.append(">\n");
      }
      default -> {
        out.append("<div class=\"notion-synced-block\"");
        if (c.syncedFrom() != null) {
          Html.attr(out, "data-synced-from", c.syncedFrom());
        }
        out.append(">\n");
        if (c.children().isEmpty() && c.syncedFrom() != null) {
          new HtmlPlaceholders(out, inline, warnings).placeholder(c);
        }
      }
    }
    blocks(c.children());
    out.append("</div>\n");
  }

  private void color(String color) {
    if (!"default".equals(color)) {
      Html.attr(out, "data-color", color);
    }
  }

  static String plain(List<RichText> text) {
    if (text.size() == 1) {
      return text.get(0).text();
    }
    StringBuilder sb = new StringBuilder();
    for (RichText rt : text) {
      sb.append(rt.text());
    }
    return sb.toString();
  }
}
