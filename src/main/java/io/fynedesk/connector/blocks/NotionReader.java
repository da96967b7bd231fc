package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Notion block JSON (API response or request shapes, 2025-09-03) into {@link Block}s. Nested
 * blocks may sit under a block-level {@code children} key or under {@code <type>.children}.
 */
final class NotionReader {

  private final Warnings warnings;
  private final RichTextReader richText = new RichTextReader();

  NotionReader(Warnings warnings) {
    this.warnings = warnings;
  }

  List<Block> readArray(JsonNode array, String path) {
    if (array == null || !array.isArray()) {
      throw new ConversionInputException(path, "must be a JSON array of Notion block objects");
    }
    List<Block> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Block block = readBlock(array.get(i), path + "[" + i + "]");
      if (block != null) {
        out.add(block);
      }
    }
    return out;
  }

  Block readBlock(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new ConversionInputException(path, "must be a Notion block object");
    }
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isEmpty()) {
      throw new ConversionInputException(path + ".type", "is required and must be a string");
    }
    String type = typeNode.asText();
    String id = textOrNull(node.get("id"));
    // 2025-09-03 still sends `archived`; 2026-03-11 replaced it by `in_trash`.
    if (node.path("in_trash").asBoolean(false) || node.path("archived").asBoolean(false)) {
      warnings.add(Warnings.DROPPED, "Block in trash was skipped", id);
      return null;
    }
    JsonNode payload = node.get(type);
    if (payload != null && !payload.isNull() && !payload.isObject()) {
      throw new ConversionInputException(path + "." + type, "must be an object");
    }
    if (payload == null || payload.isNull()) {
      payload = JsonNodeFactory.instance.objectNode();
    }
    Fields f = new Fields(id, type, payload, path);
    f.childrenNode = childrenNode(node, payload, path, type);
    return readTyped(f);
  }

  /**
   * A block whose parts {@link NotionStreamReader} already read: rich text, caption and children
   * (table rows for a table) when given are used as they are, anything else comes from {@code
   * payload}.
   */
  Block fromParts(
      String id,
      String type,
      JsonNode payload,
      List<RichText> text,
      List<RichText> caption,
      List<?> children) {
    Fields f = new Fields(id, type, payload, "content");
    f.text = text;
    f.caption = caption;
    f.children = children;
    if (children == null) {
      f.childrenNode = childrenNode(payload, payload, f.path, type);
    }
    return readTyped(f);
  }

  private static JsonNode childrenNode(JsonNode node, JsonNode payload, String path, String type) {
    JsonNode children = node.get("children");
    boolean nested = children == null || children.isNull();
    if (nested) {
      children = payload.get("children");
    }
    if (children != null && !children.isNull() && !children.isArray()) {
      String where = nested ? path + "." + type + ".children" : path + ".children";
      throw new ConversionInputException(where, "must be an array of blocks");
    }
    return children == null || children.isNull() ? null : children;
  }

  private Block readTyped(Fields f) {
    return switch (f.type) {
      case "paragraph", "bulleted_list_item", "numbered_list_item", "quote", "toggle" ->
          new Block.TextBlock(f.id, f.type, f.richText("rich_text"), f.color(), children(f));
      case "heading_1", "heading_2", "heading_3", "heading_4" -> heading(f);
      case "to_do" ->
          new Block.ToDo(f.id, f.richText("rich_text"), f.bool("checked"), f.color(), children(f));
      case "callout" ->
          new Block.Callout(
              f.id, f.richText("rich_text"), icon(f.payload.get("icon")), f.color(), children(f));
      case "code" ->
          new Block.Code(
              f.id,
              f.richText("rich_text"),
              f.string("language", "plain text"),
              f.richText("caption"));
      case "divider" -> new Block.Divider(f.id);
      case "equation" -> new Block.Equation(f.id, f.string("expression", ""));
      case "table" -> table(f);
      case "image", "video", "audio", "pdf", "file" -> media(f);
      case "bookmark", "embed", "link_preview" ->
          new Block.WebLink(f.id, f.type, f.string("url", null), f.richText("caption"));
      case "child_page", "child_database" ->
          new Block.PageRef(f.id, f.type, null, f.id, f.string("title", ""));
      case "link_to_page" -> linkToPage(f);
      case "table_of_contents", "breadcrumb" -> new Block.Marker(f.id, f.type, f.color());
      case "column_list", "column", "synced_block" -> container(f);
      default -> other(f);
    };
  }

  @SuppressWarnings("unchecked")
  private List<Block> children(Fields f) {
    if (f.children != null) {
      return (List<Block>) f.children;
    }
    return f.childrenNode == null ? List.of() : readArray(f.childrenNode, f.path + ".children");
  }

  private Block heading(Fields f) {
    int level = f.type.charAt(8) - '0';
    if (level > 3) {
      warnings.add(Warnings.FLATTENED, f.type + " was converted to heading_3", f.id);
      level = 3;
    }
    return new Block.Heading(
        f.id, level, f.richText("rich_text"), f.color(), f.bool("is_toggleable"), children(f));
  }

  private static Block.Icon icon(JsonNode icon) {
    if (icon == null || !icon.isObject()) {
      return null;
    }
    String type = icon.path("type").asText("");
    return switch (type) {
      case "emoji" -> new Block.Icon("emoji", icon.path("emoji").asText(""));
      case "external", "file" -> new Block.Icon(type, icon.path(type).path("url").asText(""));
      default -> null;
    };
  }

  @SuppressWarnings("unchecked")
  private Block table(Fields f) {
    List<Block.TableRow> rows = new ArrayList<>();
    JsonNode children = f.childrenNode;
    if (f.children != null) {
      rows = (List<Block.TableRow>) f.children;
    } else if (children != null) {
      for (int i = 0; i < children.size(); i++) {
        JsonNode row = children.get(i);
        String rowPath = f.path + ".children[" + i + "]";
        if (!row.isObject() || !"table_row".equals(row.path("type").asText())) {
          throw new ConversionInputException(rowPath, "table children must be table_row blocks");
        }
        rows.add(tableRow(row, rowPath));
      }
    }
    int width = f.payload.path("table_width").asInt(0);
    for (Block.TableRow row : rows) {
      width = Math.max(width, row.cells().size());
    }
    return new Block.Table(
        f.id, Math.max(width, 1), f.bool("has_column_header"), f.bool("has_row_header"), rows);
  }

  private Block.TableRow tableRow(JsonNode row, String path) {
    JsonNode cells = row.path("table_row").get("cells");
    if (cells == null || !cells.isArray()) {
      throw new ConversionInputException(path + ".table_row.cells", "must be an array");
    }
    List<List<RichText>> out = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      out.add(richText.read(cells.get(i), path + ".table_row.cells[" + i + "]"));
    }
    return new Block.TableRow(textOrNull(row.get("id")), out);
  }

  private Block media(Fields f) {
    String fileType = f.payload.path("type").asText("");
    JsonNode inner = f.payload.path(fileType);
    Block.FileRef ref =
        switch (fileType) {
          case "external" -> Block.FileRef.external(inner.path("url").asText(""));
          case "file" ->
              new Block.FileRef(
                  "file", inner.path("url").asText(""), textOrNull(inner.get("expiry_time")), null);
          case "file_upload" ->
              new Block.FileRef("file_upload", null, null, inner.path("id").asText(""));
          default ->
              throw new ConversionInputException(
                  f.path + "." + f.type + ".type", "must be external, file or file_upload");
        };
    return new Block.Media(f.id, f.type, ref, f.richText("caption"), f.string("name", null));
  }

  private Block linkToPage(Fields f) {
    String targetType = f.payload.path("type").asText("page_id");
    return new Block.PageRef(f.id, f.type, targetType, f.string(targetType, null), null);
  }

  private Block container(Fields f) {
    Double ratio = f.payload.has("width_ratio") ? f.payload.get("width_ratio").asDouble() : null;
    String syncedFrom = textOrNull(f.payload.path("synced_from").get("block_id"));
    return new Block.Container(f.id, f.type, ratio, syncedFrom, children(f));
  }

  private Block other(Fields f) {
    ObjectNode payload = ((ObjectNode) f.payload).deepCopy();
    payload.remove("children");
    return new Block.Other(f.id, f.type, payload, children(f));
  }

  static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** The parts of one block being read, with typed accessors that report the failing path. */
  private final class Fields {
    final String id;
    final String type;
    final JsonNode payload;
    final String path;
    JsonNode childrenNode;

    /** Parts already read by the streaming reader, or null. */
    List<RichText> text;

    List<RichText> caption;
    List<?> children;

    Fields(String id, String type, JsonNode payload, String path) {
      this.id = id;
      this.type = type;
      this.payload = payload;
      this.path = path;
    }

    List<RichText> richText(String key) {
      List<RichText> streamed =
          key.equals("rich_text") ? text : key.equals("caption") ? caption : null;
      if (streamed != null) {
        return streamed;
      }
      return richText.read(payload.get(key), path + "." + type + "." + key);
    }

    String color() {
      JsonNode c = payload.get("color");
      return c == null || !c.isTextual() ? "default" : c.asText();
    }

    boolean bool(String key) {
      return payload.path(key).asBoolean(false);
    }

    String string(String key, String fallback) {
      JsonNode v = payload.get(key);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isValueNode()) {
        throw new ConversionInputException(path + "." + type + "." + key, "must be a string");
      }
      return v.asText();
    }
  }
}
