package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;

/**
 * Creatable stand-ins for block types Notion refuses on append (child_page, child_database,
 * link_preview, meeting_notes/transcription, unsupported and unknown types).
 *
 * @see <a href="https://developers.notion.com/reference/patch-block-children">Append block
 *     children</a>
 */
final class Substitutes {

  private Substitutes() {}

  /** {@code b} itself when Notion can create it, else the closest creatable block. */
  static Block forRequest(Block b) {
    if (b instanceof Block.PageRef r && !"link_to_page".equals(r.type())) {
      if (r.targetId() == null) {
        return paragraphWithLink(labelOf(r), null, List.of());
      }
      String target = "child_database".equals(r.type()) ? "database_id" : "page_id";
      return new Block.PageRef(null, "link_to_page", target, r.targetId(), null);
    }
    if (b instanceof Block.WebLink w && "link_preview".equals(w.type())) {
      return new Block.WebLink(null, "bookmark", w.url(), List.of());
    }
    if (b instanceof Block.Other o) {
      return paragraphWithLink(labelOf(o), NotionUrls.blockUrl(o.id()), o.children());
    }
    return b;
  }

  static Block.TextBlock paragraphWithLink(String label, String url, List<Block> children) {
    List<RichText> text = new ArrayList<>(1);
    text.add(RichText.text(label, Annotations.NONE, NotionUrls.isLinkable(url) ? url : null));
    return new Block.TextBlock(null, "paragraph", text, "default", children);
  }

  /** A short human label for a block that is shown as a placeholder. */
  static String labelOf(Block b) {
    return switch (b.type()) {
      case "embed" -> "Embed";
      case "bookmark" -> "Bookmark";
      case "link_preview" -> "Link preview";
      case "video" -> "Video";
      case "audio" -> "Audio";
      case "pdf" -> "PDF";
      case "file" -> "File";
      case "image" -> "Image";
      case "child_page" -> "Page: " + ((Block.PageRef) b).title();
      case "child_database" -> "Database: " + ((Block.PageRef) b).title();
      case "link_to_page" -> "Link to page";
      case "table_of_contents" -> "Table of contents";
      case "breadcrumb" -> "Breadcrumb";
      default -> "Unsupported Notion block (" + b.type() + ")";
    };
  }
}
