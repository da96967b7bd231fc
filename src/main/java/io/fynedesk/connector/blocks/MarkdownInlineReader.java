package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * Reads commonmark inline nodes into rich text; inline {@code <u>} and {@code <br>} are understood.
 */
final class MarkdownInlineReader {

  private final Warnings warnings;
  private final InlineBuilder builder = new InlineBuilder();
  final List<Block> images = new ArrayList<>();
  private boolean underline;

  MarkdownInlineReader(Warnings warnings) {
    this.warnings = warnings;
  }

  List<RichText> build() {
    return builder.build();
  }

  void children(Node parent) {
    walk(parent, Annotations.NONE, null);
  }

  private void walk(Node parent, Annotations ann, String link) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      node(n, ann, link);
    }
  }

  private void node(Node n, Annotations ann, String link) {
    Annotations a = underline ? ann.withUnderline() : ann;
    if (n instanceof Text t) {
      builder.text(t.getLiteral(), a, link);
    } else if (n instanceof Code c) {
      builder.text(c.getLiteral(), a.withCode(), link);
    } else if (n instanceof StrongEmphasis) {
      walk(n, ann.withBold(), link);
    } else if (n instanceof Emphasis) {
      walk(n, ann.withItalic(), link);
    } else if (n instanceof Strikethrough) {
      walk(n, ann.withStrikethrough(), link);
    } else if (n instanceof Link l) {
      walk(n, ann, link(l.getDestination(), link));
    } else if (n instanceof Image img) {
      image(img);
    } else if (n instanceof SoftLineBreak) {
      builder.text(" ", a, link);
    } else if (n instanceof HardLineBreak) {
      builder.text("\n", a, link);
    } else if (n instanceof HtmlInline h) {
      html(h.getLiteral().toLowerCase(Locale.ROOT), a, link);
    } else {
      walk(n, ann, link);
    }
  }

  private void html(String tag, Annotations a, String link) {
    switch (tag) {
      case "<br>", "<br/>", "<br />" -> builder.text("\n", a, link);
      case "<u>", "<ins>" -> underline = true;
      case "</u>", "</ins>" -> underline = false;
      default -> {}
    }
  }

  private String link(String destination, String outer) {
    if (NotionUrls.isLinkable(destination)) {
      return destination;
    }
    if (!destination.isEmpty() && !destination.startsWith("#")) {
      warnings.add(
          Warnings.LINK_DROPPED,
          "Link \""
              + HtmlInlineReader.abbreviate(destination)
              + "\" is not an absolute URL Notion accepts; text kept",
          null);
    }
    return outer;
  }

  private void image(Image img) {
    String src = img.getDestination();
    if (!NotionUrls.isWebUrl(src)) {
      warnings.add(
          Warnings.DROPPED,
          "Image without an http(s) URL was dropped: " + HtmlInlineReader.abbreviate(src),
          null);
      return;
    }
    MarkdownInlineReader alt = new MarkdownInlineReader(warnings);
    alt.children(img);
    StringBuilder sb = new StringBuilder();
    for (RichText rt : alt.build()) {
      sb.append(rt.text());
    }
    List<RichText> caption = sb.length() == 0 ? List.of() : List.of(RichText.text(sb.toString()));
    images.add(new Block.Media(null, "image", Block.FileRef.external(src), caption, null));
  }
}
