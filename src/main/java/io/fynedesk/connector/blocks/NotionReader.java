package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads Notion block JSON (API response or request shapes, 2025-09-03) into {@link Block}s. Nested
 * blocks may sit under a block-level {@code children} key or under {@code <type>.children}. The
 * tree read is at most {@link BlockEngine#MAX_DEPTH} levels deep: the descendants of a block at
 * that level are read iteratively and follow it, flattened (see {@link Blocks#capDepth}).
 */
final class NotionReader {

  private final Warnings warnings;
  private final RichTextReader richText = new RichTextReader();

  /** How many blocks enclose the ones being read: 0 for the top level. */
  private int nesting;

  NotionReader(Warnings warnings) {
    this.warnings = warnings;
  }

  List<Block> readArray(JsonNode array, String path) {
    if (array == null || !array.isArray()) {
      throw new ConversionInputException(path, "must be a JSON array of Notion block objects");
    }
    List<Block> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Fields f = fields(array.get(i), path + "[" + i + "]");
      if (f != null) {
        out.add(readTyped(f));
        if (f.flatten) {
          flatten(f, out);
        }
      }
    }
    return out;
  }

  /** One block (null when it is in the trash); its children are nested. */
  Block readBlock(JsonNode node, String path) {
    Fields f = fields(node, path);
    return f == null ? null : readTyped(f);
  }

  /** The parts of a block checked, or null (with a warning) when it is in the trash. */
  private Fields fields(JsonNode node, String path) {
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
    return f;
  }

  /**
   * A block whose parts {@link NotionStreamReader} already read: rich text, caption and children
   * (table rows for a table) when given are used as they are, anything else comes from {@code
   * payload}. {@code nesting}: how many blocks enclose this one; the caller makes sure a block at
   * the deepest level has no children left to read here (they could not follow it).
   */
  Block fromParts(
      int nesting,
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
    int outer = this.nesting;
    this.nesting = nesting;
    try {
      return readTyped(f);
    } finally {
      this.nesting = outer;
    }
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
    if (f.childrenNode == null) {
      return List.of();
    }
    if (nesting + 1 >= BlockEngine.MAX_DEPTH) {
      // f is at the deepest level: its descendants follow it instead (readArray flattens them).
      f.flatten = true;
      return List.of();
    }
    nesting++;
    try {
      return readArray(f.childrenNode, f.path + ".children");
    } finally {
      nesting--;
    }
  }

  /**
   * The descendants of {@code f}, a block at the deepest level, added to {@code out} in document
   * order without children of their own (a table keeps its rows). Iterative; paths are built only
   * for an error, as a 5,000-level path per block would cost quadratic memory.
   */
  private void flatten(Fields f, List<Block> out) {
    warnings.addOnce(Warnings.FLATTENED, Blocks.TOO_DEEP, f.id);
    Deque<Level> stack = new ArrayDeque<>();
    stack.push(new Level(f.childrenNode, f.path + ".children", null, 0));
    while (!stack.isEmpty()) {
      Level level = stack.peek();
      if (level.next >= level.array.size()) {
        stack.pop();
        continue;
      }
      int i = level.next++;
      Fields c;
      try {
        c = fields(level.array.get(i), "");
        if (c == null) {
          continue;
        }
        boolean table = c.type.equals("table");
        if (!table) {
          c.children = List.of();
        }
        out.add(readTyped(c));
        if (!table && c.childrenNode != null) {
          stack.push(new Level(c.childrenNode, null, level, i));
        }
      } catch (ConversionInputException e) {
        throw e.under(level.path(i));
      }
    }
  }

  /** One array of blocks being flattened: the array, where it is, and the next index to read. */
  private static final class Level {
    final JsonNode array;
    final String root;
    final Level parent;
    final int index;
    int next;

    /**
     * {@code root}: the path of the first level; the others are the children of block {@code index}
     * of {@code parent}.
     */
    Level(JsonNode array, String root, Level parent, int index) {
      this.array = array;
      this.root = root;
      this.parent = parent;
      this.index = index;
    }

    /** The JSON path of block {@code i} of this array. */
    String path(int i) {
      Deque<Integer> indexes = new ArrayDeque<>();
      Level l = this;
      while (l.parent != null) {
        indexes.push(l.index);
        l = l.parent;
      }
      StringBuilder sb = new StringBuilder(l.root);
      for (int k : indexes) {
        sb.append('[').append(k).append("].children");
      }
      return sb.append('[').append(i).append(']').toString();
    }
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

    /** Set when the block is at the deepest level and has children: they follow it, flattened. */
    boolean flatten;

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
