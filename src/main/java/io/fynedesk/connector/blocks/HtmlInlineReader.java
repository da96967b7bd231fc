package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Reads inline HTML (formatting, links, mentions, inline equations) into rich text. Elements nested
 * more than {@link HtmlReader#MAX_ELEMENT_DEPTH} deep are read iteratively as plain text in the
 * formatting around them, with a {@code flattened} warning.
 */
final class HtmlInlineReader {

  private final Warnings warnings;
  private final boolean pre;
  final InlineBuilder builder = new InlineBuilder();

  /** How many elements enclose the node being read. */
  private int depth;

  /** Images met inline; Notion has no inline images, so they become blocks after the text. */
  final List<Block> images = new ArrayList<>();

  HtmlInlineReader(Warnings warnings, boolean pre) {
    this.warnings = warnings;
    this.pre = pre;
  }

  void nodes(List<Node> nodes, int from, int to) {
    for (int i = from; i < to; i++) {
      node(nodes.get(i), Annotations.NONE, null);
    }
  }

  void children(Element e) {
    for (Node n : e.childNodes()) {
      node(n, Annotations.NONE, null);
    }
  }

  List<RichText> build() {
    return builder.build();
  }

  void node(Node n, Annotations ann, String link) {
    if (n instanceof TextNode t) {
      if (pre) {
        builder.text(t.getWholeText(), ann, link);
      } else {
        builder.htmlText(t.getWholeText(), ann, link);
      }
    } else if (n instanceof Element e) {
      if (depth >= HtmlReader.MAX_ELEMENT_DEPTH) {
        warnings.addOnce(Warnings.FLATTENED, HtmlReader.TOO_DEEP, null);
        plainText(e, ann, link);
        return;
      }
      depth++;
      try {
        element(e, ann, link);
      } finally {
        depth--;
      }
    }
  }

  /** The text of an element nested too deep, iteratively, in the formatting around it. */
  private void plainText(Element e, Annotations ann, String link) {
    NodeTraversor.filter(new PlainText(ann, link, builder.isSignificant()), e);
  }

  /**
   * The visitor of {@link #plainText}: block boundaries become line breaks, as in {@link #element}.
   */
  private final class PlainText implements NodeFilter {
    private final Annotations ann;
    private final String link;

    /** Whether text was added since the last line break. */
    private boolean text;

    PlainText(Annotations ann, String link, boolean text) {
      this.ann = ann;
      this.link = link;
      this.text = text;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        String s = t.getWholeText();
        if (pre) {
          builder.text(s, ann, link);
        } else {
          builder.htmlText(s, ann, link);
        }
        text |= !HtmlReader.isLayout(s);
      } else if (node instanceof Element el) {
        String tag = el.normalName();
        if (HtmlReader.NOT_TEXT.contains(tag)) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (tag.equals("br") || (text && HtmlReader.isBlock(el))) {
          builder.text("\n", ann, link);
          text = false;
        } else if (tag.equals("img")) {
          image(el);
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      return FilterResult.CONTINUE;
    }
  }

  private void element(Element e, Annotations ann, String link) {
    if (e.hasAttr("data-mention")) {
      mention(e, ann);
      return;
    }
    switch (e.normalName()) {
      case "br" -> {
        builder.text("\n", ann, link);
        return;
      }
      case "strong", "b" -> ann = ann.withBold();
      case "em", "i", "cite", "dfn", "var" -> ann = ann.withItalic();
      case "s", "del", "strike" -> ann = ann.withStrikethrough();
      case "u", "ins" -> ann = ann.withUnderline();
      case "code", "kbd", "samp", "tt" -> ann = pre ? ann : ann.withCode();
      case "mark" -> ann = ann.withColor("yellow_background");
      case "a" -> link = link(e.attr("href"), link);
      case "span" -> {
        if (e.hasClass("notion-equation")) {
          builder.item(RichText.equation(e.wholeText(), ann));
          return;
        }
        if (e.hasAttr("data-color")) {
          ann = ann.withColor(e.attr("data-color"));
        }
      }
      case "img" -> {
        image(e);
        return;
      }
      case "input",
          "script",
          "style",
          "template",
          "noscript",
          "select",
          "iframe",
          "video",
          "audio",
          "object",
          "embed",
          "svg",
          "canvas" -> {
        return;
      }
      default -> {
        if (HtmlReader.isBlock(e) && builder.isSignificant()) {
          builder.text("\n", ann, link);
        }
      }
    }
    for (Node child : e.childNodes()) {
      node(child, ann, link);
    }
  }

  private String link(String href, String outer) {
    if (href.isEmpty() || href.startsWith("#")) {
      return outer;
    }
    if (!NotionUrls.isLinkable(href)) {
      warnings.add(
          Warnings.LINK_DROPPED,
          "Link \"" + abbreviate(href) + "\" is not an absolute URL Notion accepts; text kept",
          null);
      return outer;
    }
    return href;
  }

  private void mention(Element e, Annotations ann) {
    String type = e.attr("data-mention");
    Mention m =
        switch (type) {
          case "page", "database", "user" -> Mention.ofId(type, e.attr("data-id"));
          case "date" ->
              Mention.date(e.attr("datetime"), e.hasAttr("data-end") ? e.attr("data-end") : null);
          case "link_preview" -> Mention.linkPreview(e.attr("href"));
          default -> null;
        };
    if (m == null || (m.id() != null && m.id().isEmpty())) {
      for (Node child : e.childNodes()) {
        node(child, ann, null);
      }
      return;
    }
    builder.item(RichText.mention(m, e.text(), ann));
  }

  private void image(Element img) {
    Block image = HtmlReader.imageBlock(img, warnings);
    if (image != null) {
      images.add(image);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
