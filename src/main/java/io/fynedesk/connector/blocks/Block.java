package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Notion block as a typed value. {@code id} is null for blocks not read from Notion; {@code
 * children} is never null. Colours are Notion colour names, {@code "default"} when unset.
 */
public sealed interface Block {

  /** Notion block id, or null. */
  String id();

  /** Notion block type name, for example {@code paragraph} or {@code heading_2}. */
  String type();

  /** Nested blocks, in order; empty when there are none. */
  default List<Block> children() {
    return List.of();
  }

  /**
   * {@code paragraph}, {@code bulleted_list_item}, {@code numbered_list_item}, {@code quote},
   * {@code toggle}.
   */
  record TextBlock(String id, String type, List<RichText> text, String color, List<Block> children)
      implements Block {}

  /** {@code heading_1..3}; toggleable headings may have children. */
  record Heading(
      String id,
      int level,
      List<RichText> text,
      String color,
      boolean toggleable,
      List<Block> children)
      implements Block {
    @Override
    public String type() {
      return level >= 1 && level <= 4 ? HEADING_TYPES[level - 1] : "heading_" + level;
    }

    private static final String[] HEADING_TYPES = {
      "heading_1", "heading_2", "heading_3", "heading_4"
    };
  }

  /** {@code to_do}. */
  record ToDo(String id, List<RichText> text, boolean checked, String color, List<Block> children)
      implements Block {
    @Override
    public String type() {
      return "to_do";
    }
  }

  /** {@code callout}; {@code icon} may be null. */
  record Callout(String id, List<RichText> text, Icon icon, String color, List<Block> children)
      implements Block {
    @Override
    public String type() {
      return "callout";
    }
  }

  /**
   * A callout icon: {@code emoji} with the emoji as value, or {@code external}/{@code file} with a
   * URL.
   */
  record Icon(String type, String value) {}

  /** {@code code}. */
  record Code(String id, List<RichText> text, String language, List<RichText> caption)
      implements Block {
    @Override
    public String type() {
      return "code";
    }
  }

  /** {@code divider}. */
  record Divider(String id) implements Block {
    @Override
    public String type() {
      return "divider";
    }
  }

  /** Block {@code equation}. */
  record Equation(String id, String expression) implements Block {
    @Override
    public String type() {
      return "equation";
    }
  }

  /** {@code table}; its rows are Notion's {@code table_row} children. */
  record Table(String id, int width, boolean columnHeader, boolean rowHeader, List<TableRow> rows)
      implements Block {
    @Override
    public String type() {
      return "table";
    }
  }

  /** {@code table_row}: one rich-text array per cell. */
  record TableRow(String id, List<List<RichText>> cells) {}

  /** {@code image}, {@code video}, {@code audio}, {@code pdf}, {@code file}. */
  record Media(String id, String type, FileRef file, List<RichText> caption, String name)
      implements Block {}

  /**
   * A Notion file object: {@code external} or {@code file} (Notion-hosted) with a URL, or {@code
   * file_upload} with an id.
   */
  record FileRef(String type, String url, String expiryTime, String uploadId) {
    static FileRef external(String url) {
      return new FileRef("external", url, null, null);
    }

    /** Notion-hosted URLs are pre-signed and expire after an hour. */
    boolean hosted() {
      return "file".equals(type);
    }
  }

  /** {@code bookmark}, {@code embed}, {@code link_preview}. */
  record WebLink(String id, String type, String url, List<RichText> caption) implements Block {}

  /**
   * {@code child_page}, {@code child_database} (target is the block itself) and {@code
   * link_to_page} ({@code targetType} {@code page_id}/{@code database_id}/{@code comment_id}).
   */
  record PageRef(String id, String type, String targetType, String targetId, String title)
      implements Block {}

  /** {@code table_of_contents} and {@code breadcrumb}. */
  record Marker(String id, String type, String color) implements Block {}

  /**
   * {@code column_list}, {@code column} (with {@code widthRatio}) and {@code synced_block} (with
   * {@code syncedFrom}).
   */
  record Container(
      String id, String type, Double widthRatio, String syncedFrom, List<Block> children)
      implements Block {}

  /** Any other type (unsupported, meeting_notes, unknown…), kept with its raw payload. */
  record Other(String id, String type, ObjectNode payload, List<Block> children) implements Block {}
}
