package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fits rich-text arrays (request shape) to Notion's limits: {@code text.content} longer than 2000
 * UTF-16 units is split into consecutive items with the same annotations and link, and adjacent
 * items that differ only in their text are merged back when the array would exceed 100 items.
 *
 * @see <a href="https://developers.notion.com/reference/request-limits">Notion request limits</a>
 */
final class RichTextFitter {

  private RichTextFitter() {}

  /** Splits long text items, then merges compatible neighbours if there are more than 100 items. */
  static List<JsonNode> fit(JsonNode richText) {
    List<JsonNode> items = new ArrayList<>();
    if (richText == null || !richText.isArray()) {
      return items;
    }
    for (JsonNode item : richText) {
      items.addAll(split(item));
    }
    return items.size() > NotionLimits.MAX_RICH_TEXT_ITEMS ? merge(items) : items;
  }

  /**
   * {@link #fit} and then keep at most 100 items, for arrays that cannot spill into other blocks.
   */
  static ArrayNode fitAndTruncate(JsonNode richText) {
    List<JsonNode> items = fit(richText);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    items.stream().limit(NotionLimits.MAX_RICH_TEXT_ITEMS).forEach(out::add);
    return out;
  }

  /** UTF-16 units of an item's text content (0 for mentions and equations). */
  static int textLength(JsonNode item) {
    JsonNode content = item.path("text").path("content");
    return content.isTextual() ? content.asText().length() : 0;
  }

  private static List<JsonNode> split(JsonNode item) {
    if (!isText(item) || textLength(item) <= NotionLimits.MAX_TEXT_LENGTH) {
      return List.of(item);
    }
    List<JsonNode> pieces = new ArrayList<>();
    for (String piece : NotionLimits.splitText(item.path("text").path("content").asText())) {
      ObjectNode copy = item.deepCopy();
      ((ObjectNode) copy.get("text")).put("content", piece);
      pieces.add(copy);
    }
    return pieces;
  }

  private static List<JsonNode> merge(List<JsonNode> items) {
    List<JsonNode> merged = new ArrayList<>();
    for (JsonNode item : items) {
      JsonNode last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null
          && compatible(last, item)
          && textLength(last) + textLength(item) <= NotionLimits.MAX_TEXT_LENGTH) {
        ObjectNode joined = last.deepCopy();
        ((ObjectNode) joined.get("text"))
            .put(
                "content",
                last.path("text").path("content").asText()
                    + item.path("text").path("content").asText());
        merged.set(merged.size() - 1, joined);
      } else {
        merged.add(item);
      }
    }
    return merged;
  }

  private static boolean compatible(JsonNode a, JsonNode b) {
    return isText(a)
        && isText(b)
        && Objects.equals(a.path("text").get("link"), b.path("text").get("link"))
        && Objects.equals(a.get("annotations"), b.get("annotations"));
  }

  private static boolean isText(JsonNode item) {
    return item.isObject()
        && item.path("text").isObject()
        && (!item.has("type") || "text".equals(item.path("type").asText()));
  }
}
