package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.SimModel.Block;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Database;
import io.fynedesk.connector.simulator.notion.SimModel.Page;
import io.fynedesk.connector.simulator.notion.SimModel.Property;
import io.fynedesk.connector.simulator.notion.SimModel.User;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Renders simulator objects in the response shape of the requested {@code Notion-Version}. */
final class SimRender {

  static final String V2026 = "2026-03-11";
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SimState state;

  SimRender(SimState state) {
    this.state = state;
  }

  /** Notion rounds {@code created_time} and {@code last_edited_time} down to the minute. */
  static String time(Instant instant) {
    return ISO.format(instant.truncatedTo(ChronoUnit.MINUTES));
  }

  static boolean before2026(String version) {
    return version == null || version.compareTo(V2026) < 0;
  }

  /** Rich text in response shape: type, payload, annotations, plain_text, href. */
  static ObjectNode richTextItem(ObjectNode item) {
    ObjectNode out = item.deepCopy();
    String type =
        item.has("type")
            ? item.get("type").asText()
            : item.has("mention") ? "mention" : item.has("equation") ? "equation" : "text";
    out.put("type", type);
    ObjectNode annotations = out.putObject("annotations");
    annotations
        .put("bold", false)
        .put("italic", false)
        .put("strikethrough", false)
        .put("underline", false)
        .put("code", false)
        .put("color", "default");
    if (item.get("annotations") instanceof ObjectNode given) {
      annotations.setAll(given);
    }
    switch (type) {
      case "text" -> {
        ObjectNode text = (ObjectNode) out.get("text");
        if (!text.has("link")) {
          text.putNull("link");
        }
        out.put("plain_text", text.path("content").asText());
        JsonNode url = text.path("link").path("url");
        if (url.isTextual()) {
          out.put("href", url.asText());
        } else {
          out.putNull("href");
        }
      }
      case "equation" ->
          out.put("plain_text", item.path("equation").path("expression").asText()).putNull("href");
      default -> out.put("plain_text", "@mention").putNull("href");
    }
    return out;
  }

  static ArrayNode richText(ArrayNode items, ArrayNode out) {
    items.forEach(i -> out.add(richTextItem((ObjectNode) i)));
    return out;
  }

  static String plainText(JsonNode richText) {
    StringBuilder sb = new StringBuilder();
    richText.forEach(
        i -> sb.append(i.path("plain_text").asText(i.path("text").path("content").asText())));
    return sb.toString();
  }

  ObjectNode user(User user) {
    ObjectNode out =
        state
            .mapper
            .createObjectNode()
            .put("object", "user")
            .put("id", user.id())
            .put("name", user.name())
            .putNull("avatar_url")
            .put("type", user.type());
    if (user.type().equals("person")) {
      out.putObject("person").put("email", user.email());
    } else {
      ObjectNode bot = out.putObject("bot");
      bot.putObject("owner").put("type", "workspace").put("workspace", true);
      bot.put("workspace_name", state.workspaces.get(user.workspaceId()).name());
      bot.put("workspace_id", user.workspaceId());
      bot.putObject("workspace_limits").put("max_file_upload_size_in_bytes", 5_242_880);
    }
    return out;
  }

  ObjectNode page(Page page, String version) {
    ObjectNode out = state.mapper.createObjectNode().put("object", "page").put("id", page.id);
    out.put("created_time", time(page.created)).put("last_edited_time", time(page.edited));
    out.putObject("created_by").put("object", "user").put("id", page.createdBy);
    out.putObject("last_edited_by").put("object", "user").put("id", page.editedBy);
    out.putNull("cover");
    out.putNull("icon");
    ObjectNode parent = out.putObject("parent");
    if (page.dataSourceId != null) {
      parent
          .put("type", "data_source_id")
          .put("data_source_id", page.dataSourceId)
          .put("database_id", state.dataSources.get(page.dataSourceId).databaseId);
    } else if (page.parentPageId != null) {
      parent.put("type", "page_id").put("page_id", page.parentPageId);
    } else {
      parent.put("type", "workspace").put("workspace", true);
    }
    if (before2026(version)) {
      out.put("archived", page.inTrash);
    }
    out.put("in_trash", page.inTrash).put("is_locked", false);
    ObjectNode properties = out.putObject("properties");
    page.values.forEach(properties::set);
    out.put("url", "https://www.notion.so/" + page.id.replace("-", ""));
    out.putNull("public_url");
    return out;
  }

  String title(Page page) {
    return page.values.values().stream()
        .filter(v -> "title".equals(v.path("type").asText()))
        .map(v -> plainText(v.path("title")))
        .findFirst()
        .orElse("");
  }

  ObjectNode block(Block block, String version) {
    ObjectNode out = state.mapper.createObjectNode().put("object", "block").put("id", block.id);
    ObjectNode parent = out.putObject("parent");
    parent
        .put("type", block.parentIsPage ? "page_id" : "block_id")
        .put(block.parentIsPage ? "page_id" : "block_id", block.parentId);
    out.put("created_time", time(block.created)).put("last_edited_time", time(block.edited));
    out.putObject("created_by").put("object", "user").put("id", block.createdBy);
    out.putObject("last_edited_by").put("object", "user").put("id", block.editedBy);
    out.put("has_children", state.hasLiveChildren(block.id));
    if (before2026(version)) {
      out.put("archived", block.inTrash);
    }
    out.put("in_trash", block.inTrash);
    out.put("type", block.type);
    out.set(block.type, block.payload.deepCopy());
    return out;
  }

  /** A page read through the blocks endpoints is a {@code child_page} block. */
  ObjectNode pageAsBlock(Page page, String version) {
    ObjectNode out = state.mapper.createObjectNode().put("object", "block").put("id", page.id);
    out.put("created_time", time(page.created)).put("last_edited_time", time(page.edited));
    out.put("has_children", state.hasLiveChildren(page.id));
    if (before2026(version)) {
      out.put("archived", page.inTrash);
    }
    out.put("in_trash", page.inTrash).put("type", "child_page");
    out.putObject("child_page").put("title", title(page));
    return out;
  }

  ObjectNode database(Database db) {
    ObjectNode out = state.mapper.createObjectNode().put("object", "database").put("id", db.id);
    textArray(out.putArray("title"), db.title);
    ObjectNode parent = out.putObject("parent");
    if (db.parentPageId != null) {
      parent.put("type", "page_id").put("page_id", db.parentPageId);
    } else {
      parent.put("type", "workspace").put("workspace", true);
    }
    ArrayNode sources = out.putArray("data_sources");
    db.dataSourceIds.forEach(
        id -> sources.addObject().put("id", id).put("name", state.dataSources.get(id).name));
    out.put("created_time", time(db.created)).put("last_edited_time", time(db.edited));
    out.put("in_trash", db.inTrash).put("is_inline", false);
    out.put("url", "https://www.notion.so/" + db.id.replace("-", ""));
    return out;
  }

  ObjectNode dataSource(DataSource ds) {
    ObjectNode out = state.mapper.createObjectNode().put("object", "data_source").put("id", ds.id);
    textArray(out.putArray("title"), ds.name);
    out.putObject("parent").put("type", "database_id").put("database_id", ds.databaseId);
    out.put("created_time", time(ds.created)).put("last_edited_time", time(ds.edited));
    ObjectNode properties = out.putObject("properties");
    for (Property p : ds.properties.values()) {
      ObjectNode prop =
          properties.putObject(p.name).put("id", p.id).put("name", p.name).put("type", p.type);
      prop.set(p.type, p.config.deepCopy());
    }
    out.put("in_trash", false);
    return out;
  }

  private static void textArray(ArrayNode array, String text) {
    ObjectNode item = array.addObject();
    item.put("type", "text").putObject("text").put("content", text).putNull("link");
    array.set(0, richTextItem(item));
  }
}
