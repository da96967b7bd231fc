package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way the service talks to Notion's REST API: per-connection budget, retries, pagination,
 * and requests fitted to Notion's size limits.
 *
 * <p>Calls made through the bean run at {@link Priority#BULK}, the safe default for reads and
 * background work; work a person waits on goes through {@link #urgent()}, a view sharing the
 * same budget: {@code notionClient.urgent().createPage(…)}.
 *
 * <p>Retries: 429/529 for every method (honouring {@code Retry-After}, which pauses the whole
 * connection); 500/502/503/504 and network failures only for GET and DELETE. POST and PATCH are
 * not retried on those, because Notion may have applied them: the {@link NotionApiException}
 * says {@code retryable()} and the caller (Camel redelivery with its own idempotency) decides.
 */
@Component("notionClient")
public class NotionClient {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final NotionTransport transport;
  private final BlockRequestPlanner planner;
  private final BlockTreeWriter writer;
  private final Priority priority;

  @Autowired
  public NotionClient(NotionProperties properties, ObjectMapper mapper,
      List<NotionConnectionListener> listeners) {
    this(properties, mapper, listeners, NotionClientSettings.defaults());
  }

  public NotionClient(NotionProperties properties, ObjectMapper mapper,
      List<NotionConnectionListener> listeners, NotionClientSettings settings) {
    this(new NotionTransport(properties, mapper, listeners, settings), Priority.BULK);
  }

  private NotionClient(NotionTransport transport, Priority priority) {
    this.transport = transport;
    this.planner = new BlockRequestPlanner(transport.mapper());
    this.writer = new BlockTreeWriter(planner, transport.mapper(), transport.version());
    this.priority = priority;
  }

  /** This client with {@link Priority#URGENT}: goes before bulk calls waiting for the budget. */
  public NotionClient urgent() {
    return withPriority(Priority.URGENT);
  }

  /** This client with the given priority, sharing budget and retries. */
  public NotionClient withPriority(Priority priority) {
    return priority == this.priority ? this : new NotionClient(transport, priority);
  }

  /** The priority of this view. */
  public Priority priority() {
    return priority;
  }

  /** Requests sent and 429/529 answers seen for one connection. */
  public NotionRateBudget.Stats stats(String connectionKey) {
    return transport.budget().stats(connectionKey);
  }

  // ---- generic calls; path includes /v1 and any query string -------------------------------

  public JsonNode get(NotionAuth auth, String path) {
    return transport.send(auth, priority, "GET", path, null);
  }

  public JsonNode post(NotionAuth auth, String path, JsonNode body) {
    return transport.send(auth, priority, "POST", path, body);
  }

  public JsonNode patch(NotionAuth auth, String path, JsonNode body) {
    return transport.send(auth, priority, "PATCH", path, body);
  }

  public JsonNode delete(NotionAuth auth, String path) {
    return transport.send(auth, priority, "DELETE", path, null);
  }

  // ---- users and search ----------------------------------------------------------------------

  public JsonNode me(NotionAuth auth) {
    return get(auth, "/v1/users/me");
  }

  public List<JsonNode> listUsers(NotionAuth auth) {
    List<JsonNode> users = new ArrayList<>();
    String cursor = null;
    do {
      NotionList page = list(get(auth, "/v1/users?page_size=100" + cursorParam(cursor)));
      users.addAll(page.results());
      cursor = page.hasMore() ? page.nextCursor() : null;
    } while (cursor != null);
    return users;
  }

  /** {@code objectType} is {@code "page"}, {@code "data_source"} or null for both. */
  public NotionList search(NotionAuth auth, String query, String objectType, String cursor, Integer pageSize) {
    ObjectNode body = mapper().createObjectNode();
    if (query != null) {
      body.put("query", query);
    }
    if (objectType != null) {
      body.putObject("filter").put("property", "object").put("value", objectType);
    }
    body.putObject("sort").put("timestamp", "last_edited_time").put("direction", "descending");
    putCursor(body, cursor);
    body.put("page_size", pageSize == null ? NotionLimits.MAX_PAGE_SIZE : pageSize);
    return list(post(auth, "/v1/search", body));
  }

  // ---- databases and data sources ------------------------------------------------------------

  public JsonNode retrieveDatabase(NotionAuth auth, String databaseId) {
    return get(auth, "/v1/databases/" + id(databaseId));
  }

  public JsonNode retrieveDataSource(NotionAuth auth, String dataSourceId) {
    return get(auth, "/v1/data_sources/" + id(dataSourceId));
  }

  /** Accepts a data source id or a database id (then its first data source) and returns a data source id. */
  public String resolveDataSourceId(NotionAuth auth, String id) {
    try {
      return retrieveDataSource(auth, id).path("id").asText(id);
    } catch (NotionApiException e) {
      if (e.status() != 404 && !"validation_error".equals(e.code())) {
        throw e;
      }
    }
    JsonNode sources = retrieveDatabase(auth, id).path("data_sources");
    if (!sources.isArray() || sources.isEmpty()) {
      throw new NotionApiException(404, "object_not_found", "database " + id + " has no data source",
          null, false, null);
    }
    return sources.get(0).path("id").asText();
  }

  public NotionList queryDataSource(NotionAuth auth, String dataSourceId, ObjectNode filter,
      ArrayNode sorts, String cursor) {
    ObjectNode body = mapper().createObjectNode();
    if (filter != null) {
      body.set("filter", filter);
    }
    if (sorts != null) {
      body.set("sorts", sorts);
    }
    putCursor(body, cursor);
    body.put("page_size", NotionLimits.MAX_PAGE_SIZE);
    return list(post(auth, "/v1/data_sources/" + id(dataSourceId) + "/query", body));
  }

  /** Every row of a query (Notion stops at 10,000 rows per query: narrow the filter beyond that). */
  public List<JsonNode> queryDataSourceAll(NotionAuth auth, String dataSourceId, ObjectNode filter,
      ArrayNode sorts) {
    List<JsonNode> rows = new ArrayList<>();
    String cursor = null;
    do {
      NotionList page = queryDataSource(auth, dataSourceId, filter, sorts, cursor);
      rows.addAll(page.results());
      cursor = page.hasMore() ? page.nextCursor() : null;
    } while (cursor != null);
    return rows;
  }

  // ---- pages -----------------------------------------------------------------------------------

  /**
   * Creates a page with as many children inline as one request allows and appends the rest.
   * Returns the created page (as Notion answered the create).
   */
  public JsonNode createPage(NotionAuth auth, ObjectNode parent, ObjectNode properties,
      List<ObjectNode> children) {
    return writer.createPage(sender(auth), parent, properties, children);
  }

  public JsonNode retrievePage(NotionAuth auth, String pageId) {
    return get(auth, "/v1/pages/" + id(pageId));
  }

  public JsonNode updatePage(NotionAuth auth, String pageId, ObjectNode patch) {
    ObjectNode body = patch.deepCopy();
    if (body.get("properties") instanceof ObjectNode props) {
      planner.fitProperties(props);
    }
    return patch(auth, "/v1/pages/" + id(pageId), body);
  }

  public JsonNode trashPage(NotionAuth auth, String pageId) {
    return patch(auth, "/v1/pages/" + id(pageId), mapper().createObjectNode().put("in_trash", true));
  }

  // ---- blocks ----------------------------------------------------------------------------------

  public NotionList listBlockChildren(NotionAuth auth, String blockId, String cursor) {
    return list(get(auth, "/v1/blocks/" + id(blockId) + "/children?page_size=100" + cursorParam(cursor)));
  }

  public List<JsonNode> listAllBlockChildren(NotionAuth auth, String blockId) {
    List<JsonNode> blocks = new ArrayList<>();
    String cursor = null;
    do {
      NotionList page = listBlockChildren(auth, blockId, cursor);
      blocks.addAll(page.results());
      cursor = page.hasMore() ? page.nextCursor() : null;
    } while (cursor != null);
    return blocks;
  }

  /**
   * Appends a tree of blocks at the end of {@code blockId}, in as many requests as Notion's limits
   * need. Returns the created top-level blocks, in order.
   */
  public List<JsonNode> appendBlockChildren(NotionAuth auth, String blockId, List<ObjectNode> children) {
    return writer.append(sender(auth), id(blockId), children, null);
  }

  /**
   * Like {@link #appendBlockChildren} but inserts the blocks right after the child {@code afterBlockId}
   * of {@code blockId}, sending {@code after} or, from version 2026-03-11, {@code position.after_block}.
   */
  public List<JsonNode> insertBlockChildrenAfter(NotionAuth auth, String blockId, String afterBlockId,
      List<ObjectNode> children) {
    return writer.append(sender(auth), id(blockId), children, id(afterBlockId));
  }

  public JsonNode updateBlock(NotionAuth auth, String blockId, ObjectNode patch) {
    return patch(auth, "/v1/blocks/" + id(blockId), patch);
  }

  public JsonNode deleteBlock(NotionAuth auth, String blockId) {
    return delete(auth, "/v1/blocks/" + id(blockId));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private ObjectMapper mapper() {
    return transport.mapper();
  }

  private BlockTreeWriter.Sender sender(NotionAuth auth) {
    return (method, path, body) -> transport.send(auth, priority, method, path, body);
  }

  private NotionList list(JsonNode response) {
    List<JsonNode> results = new ArrayList<>();
    response.path("results").forEach(results::add);
    JsonNode next = response.get("next_cursor");
    return new NotionList(results, next == null || next.isNull() ? null : next.asText(),
        response.path("has_more").asBoolean(false));
  }

  private static void putCursor(ObjectNode body, String cursor) {
    if (cursor != null) {
      body.put("start_cursor", cursor);
    }
  }

  private static String cursorParam(String cursor) {
    return cursor == null ? "" : "&start_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  /** Notion ids are UUIDs (with or without dashes); anything else would change the request path. */
  private static String id(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a Notion id: " + id);
    }
    return id;
  }
}
