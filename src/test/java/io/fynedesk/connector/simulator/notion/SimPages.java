package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.SimModel.Block;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Database;
import io.fynedesk.connector.simulator.notion.SimModel.Page;
import io.fynedesk.connector.simulator.notion.SimModel.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The writing endpoints: create and update pages, append, update and delete blocks. */
final class SimPages {

  static final int QUERY_ROW_LIMIT = 10_000;
  private static final String ARCHIVED =
      "Can't edit block that is archived. You must unarchive the block before editing.";

  private final SimState state;
  private final SimRender render;
  private final SimBlocks blocks;
  private final SimProperties properties;

  SimPages(SimState state, SimRender render, SimBlocks blocks) {
    this.state = state;
    this.render = render;
    this.blocks = blocks;
    this.properties = new SimProperties(state);
  }

  JsonNode create(SimRequest r) {
    JsonNode body = r.body();
    JsonNode parent = body.path("parent");
    DataSource ds = null;
    Page parentPage = null;
    if (parent.hasNonNull("data_source_id")) {
      ds = state.dataSource(r.token(), parent.get("data_source_id").asText());
    } else if (parent.hasNonNull("database_id")) {
      Database db = state.database(r.token(), parent.get("database_id").asText());
      if (db.dataSourceIds.size() != 1) {
        throw SimError.validation(
            "Database "
                + db.id
                + " has "
                + db.dataSourceIds.size()
                + " data sources; use a data_source_id parent.");
      }
      ds = state.dataSources.get(db.dataSourceIds.get(0));
    } else if (parent.hasNonNull("page_id")) {
      parentPage = state.page(r.token(), parent.get("page_id").asText());
      if (parentPage.inTrash) {
        throw SimError.validation(ARCHIVED);
      }
    } else {
      throw SimError.validation(
          "body.parent should be an object with page_id, data_source_id or database_id.");
    }
    JsonNode children = body.get("children");
    if (children != null) {
      blocks.validate(children, "body.children", 1);
    }
    Map<String, ObjectNode> values = properties.apply(ds, body.get("properties"));
    Page page =
        new Page(
            SimState.newId(),
            r.token().workspaceId,
            parentPage == null ? null : parentPage.id,
            ds == null ? null : ds.id,
            state.nextSeq(),
            state.now(),
            r.token().botId);
    if (ds != null) {
      page.values.putAll(properties.defaults(ds));
    } else {
      ObjectNode title = state.mapper.createObjectNode().put("id", "title").put("type", "title");
      title.putArray("title");
      page.values.put("title", title);
    }
    page.values.putAll(values);
    state.pages.put(page.id, page);
    if (children != null) {
      blocks.create(page.id, true, children, -1, r.token().botId);
    }
    state.pageEvent("page.created", page, r.token().botId, List.of(), List.of());
    return render.page(page, r.version());
  }

  JsonNode update(SimRequest r) {
    Page page = state.page(r.token(), r.param(0));
    JsonNode body = r.body();
    if (body.has("archived") && !SimRender.before2026(r.version())) {
      throw SimError.validation(
          "body.archived is not supported in version " + r.version() + "; use in_trash.");
    }
    JsonNode trash = body.has("in_trash") ? body.get("in_trash") : body.get("archived");
    if (trash != null && !trash.isBoolean()) {
      throw SimError.validation("body.in_trash should be a boolean, instead was `" + trash + "`.");
    }
    boolean restoring = trash != null && !trash.asBoolean();
    if (page.inTrash && !restoring && body.has("properties")) {
      throw SimError.validation(ARCHIVED);
    }
    DataSource ds = page.dataSourceId == null ? null : state.dataSources.get(page.dataSourceId);
    Map<String, ObjectNode> values = properties.apply(ds, body.get("properties"));
    List<String> changed = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          if (!Objects.equals(page.values.get(name), value)) {
            changed.add(value.path("id").asText());
            page.values.put(name, value);
          }
        });
    String author = r.token().botId;
    if (!changed.isEmpty()) {
      touch(page, author);
      state.pageEvent("page.properties_updated", page, author, changed, List.of());
    }
    if (trash != null && trash.asBoolean() != page.inTrash) {
      page.inTrash = trash.asBoolean();
      touch(page, author);
      state.pageEvent(
          page.inTrash ? "page.deleted" : "page.undeleted", page, author, List.of(), List.of());
    }
    return render.page(page, r.version());
  }

  /** Changes a page property as a person would in Notion's UI (no API call recorded). */
  void editAsUser(String pageId, String property, Object value, String userId) {
    Page page = state.pages.get(pageId);
    if (page == null) {
      throw new IllegalArgumentException("no page " + pageId);
    }
    DataSource ds = page.dataSourceId == null ? null : state.dataSources.get(page.dataSourceId);
    var p = ds == null ? SimProperties.pageTitle(property) : ds.property(property);
    if (p == null) {
      throw new IllegalArgumentException("no property " + property);
    }
    ObjectNode request = state.mapper.createObjectNode();
    request.set(p.name, SimProperties.simple(p, value));
    properties.apply(ds, request).forEach(page.values::put);
    touch(page, userId);
    state.pageEvent("page.properties_updated", page, userId, List.of(p.id), List.of());
  }

  JsonNode append(SimRequest r) {
    String parentId = container(r.token(), r.param(0));
    boolean parentIsPage = state.pages.containsKey(parentId);
    if (parentIsPage ? state.pages.get(parentId).inTrash : state.blocks.get(parentId).inTrash) {
      throw SimError.validation(ARCHIVED);
    }
    if (!parentIsPage && !SimBlocks.WITH_CHILDREN.contains(state.blocks.get(parentId).type)) {
      throw SimError.validation(
          "Block type " + state.blocks.get(parentId).type + " does not support children.");
    }
    JsonNode children = r.body().get("children");
    blocks.validate(children, "body.children", 1);
    int index = position(r, parentId);
    List<Block> created = blocks.create(parentId, parentIsPage, children, index, r.token().botId);
    Page page = state.owningPage(parentId);
    touch(page, r.token().botId);
    state.pageEvent(
        "page.content_updated",
        page,
        r.token().botId,
        List.of(),
        created.stream().map(b -> b.id).toList());
    ObjectNode list = state.mapper.createObjectNode().put("object", "list");
    ArrayNode results = list.putArray("results");
    created.forEach(b -> results.add(render.block(b, r.version())));
    list.putNull("next_cursor").put("has_more", false).put("type", "block").putObject("block");
    return list;
  }

  private int position(SimRequest r, String parentId) {
    JsonNode body = r.body();
    String after = null;
    if (body.has("after")) {
      if (!SimRender.before2026(r.version())) {
        throw SimError.validation(
            "body.after is not supported in version " + r.version() + "; use position.");
      }
      after = body.get("after").asText();
    } else if (body.has("position")) {
      JsonNode position = body.get("position");
      switch (position.path("type").asText()) {
        case "start" -> {
          return 0;
        }
        case "end" -> {
          return -1;
        }
        case "after_block" -> after = position.path("after_block").path("id").asText();
        default ->
            throw SimError.validation("body.position.type should be start, end or after_block.");
      }
    }
    if (after == null) {
      return -1;
    }
    int index = state.childrenOf(parentId).indexOf(state.normalize(after));
    if (index < 0) {
      throw SimError.validation("Block " + after + " is not a child of " + parentId + ".");
    }
    return index + 1;
  }

  JsonNode updateBlock(SimRequest r) {
    Block block = state.block(r.token(), r.param(0));
    JsonNode body = r.body();
    JsonNode trash = body.has("in_trash") ? body.get("in_trash") : body.get("archived");
    if (block.inTrash && (trash == null || trash.asBoolean())) {
      throw SimError.validation(ARCHIVED);
    }
    for (String key : (Iterable<String>) body::fieldNames) {
      if (!key.equals(block.type)
          && !key.equals("in_trash")
          && !key.equals("archived")
          && !key.equals("type")) {
        throw SimError.validation(
            "body."
                + key
                + " should be not present; block "
                + block.id
                + " is a "
                + block.type
                + ".");
      }
    }
    if (body.get(block.type) instanceof ObjectNode patch) {
      if (patch.has("children")) {
        throw SimError.validation("body." + block.type + ".children should be not present.");
      }
      blocks.validatePayload(block.type, merged(block, patch), "body." + block.type);
      ObjectNode request = state.mapper.createObjectNode();
      request.set(block.type, merged(block, patch));
      block.payload =
          (ObjectNode) blocks.normalizedPayload(block.type, (ObjectNode) request.get(block.type));
    }
    if (trash != null) {
      block.inTrash = trash.asBoolean();
    }
    block.edited = state.now();
    block.editedBy = r.token().botId;
    Page page = state.owningPage(block.id);
    touch(page, r.token().botId);
    state.pageEvent("page.content_updated", page, r.token().botId, List.of(), List.of(block.id));
    return render.block(block, r.version());
  }

  private static ObjectNode merged(Block block, ObjectNode patch) {
    ObjectNode merged = block.payload.deepCopy();
    merged.setAll(patch);
    return merged;
  }

  JsonNode deleteBlock(SimRequest r) {
    String id = state.normalize(r.param(0));
    Page page = state.pages.get(id);
    if (page != null && state.canSee(r.token(), id)) {
      page.inTrash = true;
      touch(page, r.token().botId);
      state.pageEvent("page.deleted", page, r.token().botId, List.of(), List.of());
      return render.pageAsBlock(page, r.version());
    }
    Block block = state.block(r.token(), id);
    if (block.inTrash) {
      throw SimError.validation(ARCHIVED);
    }
    block.inTrash = true;
    block.edited = state.now();
    Page owner = state.owningPage(block.id);
    touch(owner, r.token().botId);
    state.pageEvent("page.content_updated", owner, r.token().botId, List.of(), List.of(block.id));
    return render.block(block, r.version());
  }

  /** The id of a page or block that can hold children and that the token can see. */
  String container(Token token, String rawId) {
    String id = state.normalize(rawId);
    if (state.pages.containsKey(id)) {
      return state.page(token, id).id;
    }
    return state.block(token, id).id;
  }

  private void touch(Page page, String author) {
    if (page != null) {
      page.edited = state.now();
      page.editedBy = author;
    }
  }
}
