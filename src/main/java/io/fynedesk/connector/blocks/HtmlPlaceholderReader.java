package io.fynedesk.connector.blocks;

import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Reads back a {@code div.notion-placeholder}: to the same block where Notion can create it, to the
 * nearest creatable block otherwise (a link to page, a bookmark), or to a paragraph with the link.
 */
final class HtmlPlaceholderReader {

  private final Warnings warnings;

  HtmlPlaceholderReader(Warnings warnings) {
    this.warnings = warnings;
  }

  void read(Element div, List<Block> out) {
    String type = div.attr("data-notion-type");
    String url = div.attr("data-url");
    String target = div.attr("data-target-id");
    boolean hosted = div.hasAttr("data-hosted");
    Block block =
        switch (type) {
          case "embed", "bookmark" ->
              NotionUrls.isWebUrl(url) ? new Block.WebLink(null, type, url, caption(div)) : null;
          case "link_preview" ->
              NotionUrls.isWebUrl(url)
                  ? new Block.WebLink(null, "bookmark", url, caption(div))
                  : null;
          case "video", "audio", "pdf", "file", "image" ->
              NotionUrls.isWebUrl(url) && !hosted
                  ? new Block.Media(null, type, Block.FileRef.external(url), caption(div), null)
                  : null;
          case "child_page", "link_to_page" ->
              target.isEmpty()
                  ? null
                  : new Block.PageRef(
                      null, "link_to_page", targetType(div, "page_id"), target, null);
          case "child_database" ->
              target.isEmpty()
                  ? null
                  : new Block.PageRef(null, "link_to_page", "database_id", target, null);
          case "table_of_contents", "breadcrumb" ->
              new Block.Marker(null, type, HtmlBlockReader.color(div));
          default -> null;
        };
    if (block != null) {
      out.add(block);
      return;
    }
    warnings.add(
        Warnings.FLATTENED,
        "Placeholder for "
            + (type.isEmpty() ? "unknown content" : type)
            + " became a paragraph with its link",
        null);
    HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
    inline.children(div);
    out.add(new Block.TextBlock(null, "paragraph", inline.build(), "default", List.of()));
  }

  private static String targetType(Element div, String fallback) {
    String t = div.attr("data-target-type");
    return t.isEmpty() ? fallback : t;
  }

  private List<RichText> caption(Element div) {
    Element span = div.selectFirst("> span.notion-caption");
    if (span == null) {
      return List.of();
    }
    HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
    inline.children(span);
    return inline.build();
  }
}
