package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import io.fynedesk.connector.simulator.notion.SimModel.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validates block requests as Notion does (notion-api.md §3, §6) and stores the blocks. */
final class SimBlocks {

  static final Set<String> CREATABLE =
      Set.of(
          "paragraph",
          "heading_1",
          "heading_2",
          "heading_3",
          "bulleted_list_item",
          "numbered_list_item",
          "quote",
          "toggle",
          "to_do",
          "callout",
          "code",
          "divider",
          "breadcrumb",
          "table_of_contents",
          "equation",
          "table",
          "table_row",
          "column_list",
          "column",
          "synced_block",
          "link_to_page",
          "image",
          "video",
          "pdf",
          "audio",
          "file",
          "bookmark",
          "embed",
          "template");
  static final Set<String> UNCREATABLE =
      Set.of(
          "child_page",
          "child_database",
          "link_preview",
          "meeting_notes",
          "transcription",
          "unsupported");
  static final Set<String> WITH_CHILDREN =
      Set.of(
          "paragraph",
          "heading_1",
          "heading_2",
          "heading_3",
          "bulleted_list_item",
          "numbered_list_item",
          "quote",
          "toggle",
          "to_do",
          "callout",
          "table",
          "column_list",
          "column",
          "synced_block",
          "template");
  private static final Set<String> TEXT_TYPES =
      Set.of(
          "paragraph",
          "heading_1",
          "heading_2",
          "heading_3",
          "bulleted_list_item",
          "numbered_list_item",
          "quote",
          "toggle",
          "to_do",
          "callout");

  private final SimState state;

  SimBlocks(SimState state) {
    this.state = state;
  }

  /**
   * Validates a request's {@code children}; level 1 is the top-level array. Returns block count.
   */
  int validate(JsonNode children, String path, int level) {
    if (children == null || !children.isArray()) {
      throw SimError.validation(path + " should be an array, instead was `" + children + "`.");
    }
    if (children.size() > NotionLimits.MAX_CHILDREN_PER_REQUEST) {
      throw SimError.validation(
          path + ".length should be ≤ `100`, instead was `" + children.size() + "`.");
    }
    int count = 0;
    for (int i = 0; i < children.size(); i++) {
      String here = path + "[" + i + "]";
      JsonNode child = children.get(i);
      String type = typeOf(child, here);
      ObjectNode payload = (ObjectNode) child.get(type);
      validatePayload(type, payload, here + "." + type);
      count++;
      JsonNode nested = payload.get("children");
      if (nested != null) {
        if (level >= NotionLimits.MAX_NESTING_PER_REQUEST) {
          throw SimError.validation(
              here
                  + "."
                  + type
                  + ".children should be not present: a request can"
                  + " nest children at most 2 levels deep.");
        }
        if (!WITH_CHILDREN.contains(type)) {
          throw SimError.validation(here + "." + type + ".children should be not present.");
        }
        count += validate(nested, here + "." + type + ".children", level + 1);
      }
    }
    if (level == 1 && count > NotionLimits.MAX_BLOCKS_PER_REQUEST) {
      throw SimError.validation(
          "body.children has " + count + " block elements; the limit is 1000.");
    }
    return count;
  }

  static String typeOf(JsonNode child, String path) {
    if (!child.isObject()) {
      throw SimError.validation(path + " should be an object.");
    }
    String type = child.path("type").asText(null);
    if (type == null) {
      for (String name : (Iterable<String>) child::fieldNames) {
        if (CREATABLE.contains(name) || UNCREATABLE.contains(name)) {
          type = name;
        }
      }
    }
    if (type == null || UNCREATABLE.contains(type) || !CREATABLE.contains(type)) {
      throw SimError.validation(
          path + ".type should be a block type that can be created, instead was `" + type + "`.");
    }
    if (!(child.get(type) instanceof ObjectNode)) {
      throw SimError.validation(path + "." + type + " should be defined, instead was `undefined`.");
    }
    return type;
  }

  void validatePayload(String type, ObjectNode payload, String path) {
    for (String key : List.of("rich_text", "caption")) {
      if (payload.has(key)) {
        validateRichText(payload.get(key), path + "." + key);
      }
    }
    if (TEXT_TYPES.contains(type) && !payload.has("rich_text")) {
      throw SimError.validation(path + ".rich_text should be defined, instead was `undefined`.");
    }
    if (type.equals("equation")) {
      checkLength(
          payload.path("expression").asText(""),
          NotionLimits.MAX_EQUATION_LENGTH,
          path + ".expression");
    }
    if (type.equals("bookmark") || type.equals("embed")) {
      checkLength(payload.path("url").asText(""), NotionLimits.MAX_URL_LENGTH, path + ".url");
    }
    if (payload.path("external").has("url")) {
      checkLength(
          payload.path("external").path("url").asText(),
          NotionLimits.MAX_URL_LENGTH,
          path + ".external.url");
    }
    if (type.equals("table_row")) {
      JsonNode cells = payload.path("cells");
      for (int i = 0; i < cells.size(); i++) {
        validateRichText(cells.get(i), path + ".cells[" + i + "]");
      }
    }
  }

  static void validateRichText(JsonNode items, String path) {
    if (!items.isArray()) {
      throw SimError.validation(path + " should be an array.");
    }
    if (items.size() > NotionLimits.MAX_RICH_TEXT_ITEMS) {
      throw SimError.validation(
          path + ".length should be ≤ `100`, instead was `" + items.size() + "`.");
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String here = path + "[" + i + "]";
      if (item.has("text")) {
        JsonNode content = item.path("text").path("content");
        if (!content.isTextual()) {
          throw SimError.validation(here + ".text.content should be a string.");
        }
        checkLength(content.asText(), NotionLimits.MAX_TEXT_LENGTH, here + ".text.content");
        JsonNode url = item.path("text").path("link").path("url");
        if (url.isTextual()) {
          checkLength(url.asText(), NotionLimits.MAX_URL_LENGTH, here + ".text.link.url");
        }
      } else if (item.has("equation")) {
        checkLength(
            item.path("equation").path("expression").asText(""),
            NotionLimits.MAX_EQUATION_LENGTH,
            here + ".equation.expression");
      } else if (!item.has("mention")) {
        throw SimError.validation(here + " should be one of text, mention, equation.");
      }
    }
  }

  static void checkLength(String value, int max, String path) {
    if (value.length() > max) {
      throw SimError.validation(
          path + ".length should be ≤ `" + max + "`, instead was `" + value.length() + "`.");
    }
  }

  /** Stores already validated request blocks under a parent, at {@code index} (-1: end). */
  List<Block> create(
      String parentId, boolean parentIsPage, JsonNode children, int index, String author) {
    List<Block> created = new ArrayList<>();
    List<String> siblings = state.childrenOf(parentId);
    int at = index < 0 ? siblings.size() : index;
    for (JsonNode child : children) {
      String type = typeOf(child, "child");
      ObjectNode payload = normalize(type, (ObjectNode) child.get(type));
      Block block =
          new Block(SimState.newId(), parentId, parentIsPage, type, payload, state.now(), author);
      state.blocks.put(block.id, block);
      siblings.add(at++, block.id);
      JsonNode nested = child.get(type).get("children");
      if (nested != null) {
        create(block.id, false, nested, -1, author);
      }
      created.add(block);
    }
    return created;
  }

  ObjectNode normalizedPayload(String type, ObjectNode payload) {
    return normalize(type, payload);
  }

  private ObjectNode normalize(String type, ObjectNode payload) {
    ObjectNode out = payload.deepCopy();
    out.remove("children");
    for (String key : List.of("rich_text", "caption")) {
      if (out.get(key) instanceof ArrayNode items) {
        out.set(key, SimRender.richText(items, state.mapper.createArrayNode()));
      }
    }
    if (out.get("cells") instanceof ArrayNode cells) {
      for (int i = 0; i < cells.size(); i++) {
        cells.set(i, SimRender.richText((ArrayNode) cells.get(i), state.mapper.createArrayNode()));
      }
    }
    if (TEXT_TYPES.contains(type) && !out.has("color")) {
      out.put("color", "default");
    }
    if (type.startsWith("heading_") && !out.has("is_toggleable")) {
      out.put("is_toggleable", false);
    }
    if (type.equals("to_do") && !out.has("checked")) {
      out.put("checked", false);
    }
    return out;
  }
}
