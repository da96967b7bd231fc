package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.BlockEngine;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionList;
import io.fynedesk.connector.notion.NotionPages;
import io.fynedesk.connector.notion.Priority;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads what the AI source indexes from Notion, always on the bulk lane of the connection's budget:
 * the pages shared with a token, and one page as Markdown (properties first, then its blocks).
 */
@Component
class NotionPageReader {

  /** Blocks that are other pages or databases: indexed on their own, left out of this page. */
  private static final Set<String> OWN_PAGES = Set.of("child_page", "child_database");

  /**
   * A page as the AI source sees it.
   *
   * @param id page id
   * @param title plain title
   * @param url Notion URL
   * @param markdown properties and body as Markdown
   * @param lastEdited Notion's last_edited_time
   */
  record PageText(String id, String title, String url, String markdown, String lastEdited) {}

  private final NotionClient notion;
  private final BlockEngine engine;
  private final ObjectMapper mapper;

  NotionPageReader(NotionClient notion, BlockEngine engine, ObjectMapper mapper) {
    this.notion = notion.withPriority(Priority.BULK);
    this.engine = engine;
    this.mapper = mapper;
  }

  /** Every page the token can see (Notion search, newest edits first), up to {@code max}. */
  List<JsonNode> sharedPages(NotionAuth auth, int max) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      NotionList page = notion.search(auth, null, "page", cursor, null);
      for (JsonNode p : page.results()) {
        if (!p.path("in_trash").asBoolean(p.path("archived").asBoolean(false))) {
          out.add(p);
        }
      }
      cursor = page.hasMore() ? page.nextCursor() : null;
    } while (cursor != null && out.size() <= max);
    return out;
  }

  JsonNode page(NotionAuth auth, String pageId) {
    return notion.retrievePage(auth, pageId);
  }

  /** The page's properties and blocks as Markdown (blocks fetched with their children). */
  PageText read(NotionAuth auth, JsonNode page) {
    String id = page.path("id").asText();
    ArrayNode blocks = tree(auth, id, 0);
    String body = engine.toMarkdown(engine.readNotion(blocks)).content();
    String props = properties(page.path("properties"));
    String markdown = props.isEmpty() ? body : props + "\n\n" + body;
    return new PageText(
        id,
        NotionPages.titleOf(page),
        page.path("url").asText(null),
        markdown,
        page.path("last_edited_time").asText(null));
  }

  private ArrayNode tree(NotionAuth auth, String blockId, int depth) {
    ArrayNode out = mapper.createArrayNode();
    for (JsonNode b : notion.listAllBlockChildren(auth, blockId)) {
      if (OWN_PAGES.contains(b.path("type").asText())) {
        // A sub-page or database is indexed as its own pages; a link to it here would only match
        // its title and crowd the results.
        continue;
      }
      ObjectNode block = b.deepCopy();
      if (b.path("has_children").asBoolean()) {
        block.set("children", depth < 20 ? tree(auth, b.path("id").asText(), depth + 1) : null);
      }
      out.add(block);
    }
    return out;
  }

  /** Row properties other than the title as {@code Name: value} lines. */
  static String properties(JsonNode properties) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String value = value(e.getValue());
      if (!"title".equals(e.getValue().path("type").asText()) && !value.isBlank()) {
        sb.append(sb.length() == 0 ? "" : "\n").append(e.getKey()).append(": ").append(value);
      }
    }
    return sb.toString();
  }

  private static String value(JsonNode p) {
    String type = p.path("type").asText();
    JsonNode v = p.path(type);
    return switch (type) {
      case "rich_text" -> plain(v);
      case "select", "status" -> v.path("name").asText("");
      case "multi_select" -> join(v, "name");
      case "number", "url", "email", "phone_number" -> v.isNull() ? "" : v.asText("");
      case "checkbox" -> v.asBoolean() ? "yes" : "no";
      case "date" -> v.path("start").asText("");
      case "people" -> join(v, "name");
      default -> "";
    };
  }

  private static String plain(JsonNode richText) {
    StringBuilder sb = new StringBuilder();
    richText.forEach(
        t -> sb.append(t.path("plain_text").asText(t.path("text").path("content").asText())));
    return sb.toString();
  }

  private static String join(JsonNode array, String key) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.path(key).asText("")));
    return String.join(", ", names);
  }
}
