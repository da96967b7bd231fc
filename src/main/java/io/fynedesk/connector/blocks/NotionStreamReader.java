package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a JSON array of Notion blocks straight from Jackson's token stream, without a {@link
 * JsonNode} per block: block structure, rich text and annotations are read as tokens; small payload
 * values (colours, icons, file objects) as tiny trees handed to {@link NotionReader}.
 *
 * <p>A fast path only: any top-level block in a shape it does not expect (type after its payload, a
 * non-string where a string belongs, an invalid block…) is read again by {@link NotionReader} from
 * its first byte, so results and errors are exactly the tree reader's. So is a block that would
 * have children below {@link BlockEngine#MAX_DEPTH}: the tree reader flattens them.
 */
final class NotionStreamReader {

  /** Block-level keys a Notion response may send before {@code type}; none can be the payload. */
  private static final Set<String> BEFORE_TYPE =
      Set.of(
          "object",
          "parent",
          "created_time",
          "last_edited_time",
          "created_by",
          "last_edited_by",
          "has_children");

  /** Types whose payload {@link NotionReader} reads only through known keys (not {@code Other}). */
  private static final Set<String> TYPED =
      Set.of(
          "paragraph",
          "bulleted_list_item",
          "numbered_list_item",
          "quote",
          "toggle",
          "heading_1",
          "heading_2",
          "heading_3",
          "heading_4",
          "to_do",
          "callout",
          "code",
          "divider",
          "equation",
          "table",
          "image",
          "video",
          "audio",
          "pdf",
          "file",
          "bookmark",
          "embed",
          "link_preview",
          "child_page",
          "child_database",
          "link_to_page",
          "table_of_contents",
          "breadcrumb",
          "column_list",
          "column",
          "synced_block");

  /** Thrown where the fast path gives the block to the tree reader; no stack trace. */
  private static final class Fallback extends RuntimeException {
    Fallback() {
      super(null, null, false, false);
    }
  }

  private static final Fallback FALLBACK = new Fallback();

  /** Payload of a block that has none besides rich text, caption and children; never modified. */
  private static final ObjectNode NO_VALUES = JsonNodeFactory.instance.objectNode();

  /** Block types as shared strings, so reading a type allocates nothing. */
  private static final String[] TYPE_NAMES = TYPED.toArray(new String[0]);

  private static final String[] ITEM_TYPES = {"text", "mention", "equation"};

  private static final String[] COLORS = {"default"};

  private static final SerializedString TYPE_KEY = new SerializedString("type");
  private static final SerializedString CHILDREN_KEY = new SerializedString("children");
  private static final Map<String, SerializedString> PAYLOAD_KEY = new HashMap<>();

  static {
    for (String type : TYPED) {
      PAYLOAD_KEY.put(type, new SerializedString(type));
    }
  }

  private static final JsonKeys PAYLOAD_KEYS = new JsonKeys("rich_text");
  private static final JsonKeys ITEM_KEYS = new JsonKeys("type", "text", "annotations");
  private static final JsonKeys TEXT_KEYS = new JsonKeys("content", "link");
  private static final JsonKeys LINK_KEYS = new JsonKeys("url");
  private static final JsonKeys ANNOTATION_KEYS =
      new JsonKeys("bold", "italic", "strikethrough", "underline", "code", "color");
  private static final JsonKeys ROW_KEYS = new JsonKeys("type", "table_row");
  private static final JsonKeys CELLS_KEYS = new JsonKeys("cells");

  private final ObjectMapper json;
  private final NotionReader tree;
  private final RichTextReader richText = new RichTextReader();

  /** How many blocks enclose the one being read: 0 for the top level. */
  private int nesting;

  NotionStreamReader(ObjectMapper json, NotionReader tree) {
    this.json = json;
    this.tree = tree;
  }

  List<Block> read(byte[] bytes) throws IOException {
    List<Block> out = new ArrayList<>();
    each(bytes, out::add);
    return out;
  }

  /**
   * Hands each top-level block to {@code sink} as soon as it is read, so a consumer (the fused
   * Notion JSON → Markdown path) never holds the whole page as blocks.
   */
  void each(byte[] bytes, Consumer<Block> sink) throws IOException {
    try (JsonParser p = json.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new ConversionInputException(
            "content", "must be a JSON array of Notion block objects");
      }
      JsonStreamContext array = p.getParsingContext();
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        Block block = topLevel(p, bytes, array, i);
        if (block != null) {
          sink.accept(block);
        }
      }
    }
  }

  /** One element of the top-level array: streamed, or read again as a tree from its first byte. */
  private Block topLevel(JsonParser p, byte[] bytes, JsonStreamContext array, int index)
      throws IOException {
    if (!p.currentToken().isStructStart()) {
      return tree.readBlock(value(p, p.currentToken()), path(index));
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    try {
      return block(p);
    } catch (Fallback | ConversionInputException e) {
      while (p.getParsingContext() != array && p.nextToken() != null) {
        // skip the rest of this block
      }
      return tree.readBlock(
          json.readTree(json.createParser(bytes, start, bytes.length - start)), path(index));
    }
  }

  private static String path(int index) {
    return "content[" + index + "]";
  }

  private List<Block> blocks(JsonParser p) throws IOException {
    List<Block> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      Block block = block(p);
      if (block != null) {
        out.add(block);
      }
    }
    return out;
  }

  /** The payload of one block as read so far. */
  private static final class Payload {
    ObjectNode values;
    List<RichText> text;
    List<RichText> caption;
    List<?> children;

    ObjectNode values() {
      if (values == null) {
        values = JsonNodeFactory.instance.objectNode();
      }
      return values;
    }

    /** The values read, or a shared empty object that {@link NotionReader} only reads. */
    ObjectNode valuesOrEmpty() {
      return values != null ? values : NO_VALUES;
    }
  }

  private Block block(JsonParser p) throws IOException {
    check(p.currentToken() == JsonToken.START_OBJECT);
    String type = null;
    String id = null;
    boolean inTrash = false;
    boolean archived = false;
    Payload payload = null;
    List<?> children = null;
    // Notion writes type, then the payload under the type's name, then children.
    SerializedString expected = TYPE_KEY;
    for (String name = JsonKeys.next(p, expected);
        name != null;
        name = JsonKeys.next(p, expected)) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "type" -> {
          check(t == JsonToken.VALUE_STRING && type == null);
          type = knownOrText(p, TYPE_NAMES);
          check(!type.isEmpty() && !reserved(type));
          expected = PAYLOAD_KEY.get(type);
        }
        case "id" -> id = string(p, t);
        case "in_trash" -> inTrash = bool(t);
        case "archived" -> archived = bool(t);
        case "children" -> {
          check(type != null && children == null && t == JsonToken.START_ARRAY);
          children = children(p, type);
        }
        default -> {
          if (name.equals(type)) {
            check(payload == null);
            payload = payload(p, t, type);
            expected = CHILDREN_KEY;
          } else {
            check(type != null || BEFORE_TYPE.contains(name));
            p.skipChildren();
          }
        }
      }
    }
    check(type != null);
    if (inTrash || archived) {
      return null;
    }
    if (payload == null) {
      payload = new Payload();
    }
    // Children the tree reader would find in an untyped payload could not nest below the cap.
    check(!deepest() || payload.values == null || !payload.values.has("children"));
    return tree.fromParts(
        nesting,
        id,
        type,
        payload.valuesOrEmpty(),
        payload.text,
        payload.caption,
        children != null ? children : payload.children);
  }

  private static boolean reserved(String type) {
    return switch (type) {
      case "type", "id", "in_trash", "archived", "children" -> true;
      default -> BEFORE_TYPE.contains(type);
    };
  }

  private List<?> children(JsonParser p, String type) throws IOException {
    if (type.equals("table")) {
      return rows(p);
    }
    check(!deepest());
    nesting++;
    try {
      return blocks(p);
    } finally {
      nesting--;
    }
  }

  /** Whether the block being read is at {@link BlockEngine#MAX_DEPTH}, where it may not nest. */
  private boolean deepest() {
    return nesting + 1 >= BlockEngine.MAX_DEPTH;
  }

  private Payload payload(JsonParser p, JsonToken t, String type) throws IOException {
    Payload payload = new Payload();
    if (t == JsonToken.VALUE_NULL) {
      return payload;
    }
    check(t == JsonToken.START_OBJECT);
    if (!TYPED.contains(type)) {
      payload.values = (ObjectNode) json.readTree(p);
      return payload;
    }
    int k = 0;
    for (String name = PAYLOAD_KEYS.next(p, k++); name != null; name = PAYLOAD_KEYS.next(p, k++)) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "rich_text" -> {
          check(payload.text == null);
          payload.text = richText(p, v);
        }
        case "caption" -> {
          check(payload.caption == null);
          payload.caption = richText(p, v);
        }
        case "children" -> {
          check(payload.children == null && v == JsonToken.START_ARRAY);
          payload.children = children(p, type);
        }
        default -> payload.values().set(name, value(p, v));
      }
    }
    return payload;
  }

  private List<Block.TableRow> rows(JsonParser p) throws IOException {
    List<Block.TableRow> rows = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      check(p.currentToken() == JsonToken.START_OBJECT);
      String type = null;
      String id = null;
      List<List<RichText>> cells = null;
      int k = 0;
      for (String name = ROW_KEYS.next(p, k++); name != null; name = ROW_KEYS.next(p, k++)) {
        JsonToken t = p.nextToken();
        switch (name) {
          case "type" -> type = string(p, t);
          case "id" -> id = string(p, t);
          case "table_row" -> {
            check(t == JsonToken.START_OBJECT && cells == null);
            cells = cells(p);
          }
          default -> p.skipChildren();
        }
      }
      check("table_row".equals(type) && cells != null);
      rows.add(new Block.TableRow(id, cells));
    }
    return rows;
  }

  /** The {@code table_row} object: its {@code cells}, one rich-text array each. */
  private List<List<RichText>> cells(JsonParser p) throws IOException {
    List<List<RichText>> cells = null;
    int k = 0;
    for (String name = CELLS_KEYS.next(p, k++); name != null; name = CELLS_KEYS.next(p, k++)) {
      JsonToken t = p.nextToken();
      if (name.equals("cells")) {
        check(t == JsonToken.START_ARRAY && cells == null);
        cells = new ArrayList<>();
        for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
          cells.add(richText(p, c));
        }
      } else {
        p.skipChildren();
      }
    }
    check(cells != null);
    return cells;
  }

  private List<RichText> richText(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    check(t == JsonToken.START_ARRAY);
    List<RichText> out = new ArrayList<>(4);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(item(p));
    }
    return out;
  }

  /**
   * One rich-text item; text items are read here, mentions and equations by {@link RichTextReader}.
   */
  private RichText item(JsonParser p) throws IOException {
    check(p.currentToken() == JsonToken.START_OBJECT);
    String type = null;
    Annotations ann = Annotations.NONE;
    boolean annotated = false;
    String content = null;
    String link = null;
    ObjectNode rest = null;
    int k = 0;
    for (String name = ITEM_KEYS.next(p, k++); name != null; name = ITEM_KEYS.next(p, k++)) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "type" -> {
          check(t == JsonToken.VALUE_STRING && type == null);
          type = knownOrText(p, ITEM_TYPES);
        }
        case "annotations" -> {
          check(!annotated);
          annotated = true;
          ann = annotations(p, t);
        }
        case "text" -> {
          check(t == JsonToken.START_OBJECT && content == null);
          String[] contentAndLink = textObject(p);
          content = contentAndLink[0];
          link = contentAndLink[1];
        }
        default -> {
          if (rest == null) {
            rest = JsonNodeFactory.instance.objectNode();
          }
          rest.set(name, value(p, t));
        }
      }
    }
    String kind = type == null ? "" : type;
    if (kind.isEmpty()) {
      kind =
          rest != null && rest.has("mention")
              ? "mention"
              : rest != null && rest.has("equation") ? "equation" : "text";
    }
    if (kind.equals("text") && content != null) {
      return RichText.text(content, ann, link);
    }
    ObjectNode item = rest == null ? JsonNodeFactory.instance.objectNode() : rest;
    check(content == null);
    if (type != null) {
      item.put("type", type);
    }
    return richText.readItem(item, ann, "content");
  }

  /** The {@code text} object as its content and link URL (or null). */
  private static String[] textObject(JsonParser p) throws IOException {
    String content = "";
    String link = null;
    int k = 0;
    for (String name = TEXT_KEYS.next(p, k++); name != null; name = TEXT_KEYS.next(p, k++)) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "content" -> {
          check(t == JsonToken.VALUE_STRING);
          content = p.getText();
        }
        case "link" -> {
          link = null;
          if (t == JsonToken.START_OBJECT) {
            int l = 0;
            for (String key = LINK_KEYS.next(p, l++); key != null; key = LINK_KEYS.next(p, l++)) {
              JsonToken v = p.nextToken();
              if (key.equals("url")) {
                link = string(p, v);
              } else {
                p.skipChildren();
              }
            }
          } else {
            check(t == JsonToken.VALUE_NULL);
          }
        }
        default -> p.skipChildren();
      }
    }
    return new String[] {content, link};
  }

  private static Annotations annotations(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Annotations.NONE;
    }
    boolean bold = false;
    boolean italic = false;
    boolean strike = false;
    boolean underline = false;
    boolean code = false;
    String color = "default";
    int k = 0;
    for (String name = ANNOTATION_KEYS.next(p, k++);
        name != null;
        name = ANNOTATION_KEYS.next(p, k++)) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "bold" -> bold = bool(v);
        case "italic" -> italic = bool(v);
        case "strikethrough" -> strike = bool(v);
        case "underline" -> underline = bool(v);
        case "code" -> code = bool(v);
        case "color" -> {
          check(v == JsonToken.VALUE_STRING);
          color = knownOrText(p, COLORS);
        }
        default -> p.skipChildren();
      }
    }
    return RichTextReader.annotations(bold, italic, strike, underline, code, color);
  }

  /**
   * A value as the tree reader would hold it; strings, booleans and null without a deserializer.
   */
  private JsonNode value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> TextNode.valueOf(p.getText());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.instance;
      default -> json.readTree(p);
    };
  }

  /**
   * The current string value: the equal one of {@code known} if any (no copy), else a new string.
   */
  private static String knownOrText(JsonParser p, String[] known) throws IOException {
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    for (String k : known) {
      if (k.length() == length && matches(k, chars, offset)) {
        return k;
      }
    }
    return p.getText();
  }

  private static boolean matches(String s, char[] chars, int offset) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (chars[offset + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String string(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    check(t == JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static boolean bool(JsonToken t) {
    check(t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL);
    return t == JsonToken.VALUE_TRUE;
  }

  private static void check(boolean expected) {
    if (!expected) {
      throw FALLBACK;
    }
  }
}
