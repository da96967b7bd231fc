package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way the service talks to Notion's REST API: per-connection budget, retries, pagination,
 * and requests fitted to Notion's size limits.
 *
 * <p>A facade: every request is sent to a route of {@code routes/notion-api.camel.yaml} ({@code
 * notion-page-create}, {@code notion-blocks-append}, …), whose {@code http} step makes the call;
 * budget, gate, retries and error mapping are that file's {@code notion-request} steps.
 *
 * <p>Calls made through the bean run at {@link Priority#BULK}, the safe default for reads and
 * background work; work a person waits on goes through {@link #urgent()}, a view sharing the same
 * budget: {@code notionClient.urgent().createPage(…)}.
 *
 * <p>Retries: 429/529 for every method (honouring {@code Retry-After}, which pauses the whole
 * connection); 500/502/503/504 and network failures only for GET and DELETE. POST and PATCH are not
 * retried on those, because Notion may have applied them: the {@link NotionApiException} says
 * {@code retryable()} and the caller (Camel redelivery with its own idempotency) decides.
 */
@Component("notionClient")
public class NotionClient {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private static final Pattern CHILDREN = Pattern.compile("/v1/blocks/([^/]+)/children");

  private final NotionTransport transport;
  private final ProducerTemplate template;
  private final BlockRequestPlanner planner;
  private final BlockTreeWriter writer;
  private final Priority priority;

  /** In the service: the routes run in the application's Camel context. */
  @Autowired
  public NotionClient(
      NotionProperties properties,
      ObjectMapper mapper,
      List<NotionConnectionListener> listeners,
      CamelContext camelContext,
      NotionRateBudget budget,
      NotionCircuits circuits) {
    this(
        bind(
            camelContext,
            new NotionTransport(
                properties, mapper, listeners, NotionClientSettings.defaults(), budget, circuits)),
        camelContext.createProducerTemplate(),
        Priority.BULK);
  }

  /** Without Spring (tests, tools): starts a Camel context of its own with the Notion routes. */
  public NotionClient(
      NotionProperties properties, ObjectMapper mapper, List<NotionConnectionListener> listeners) {
    this(properties, mapper, listeners, NotionClientSettings.defaults());
  }

  /** Without Spring (tests, tools): starts a Camel context of its own with the Notion routes. */
  public NotionClient(
      NotionProperties properties,
      ObjectMapper mapper,
      List<NotionConnectionListener> listeners,
      NotionClientSettings settings) {
    this(new NotionTransport(properties, mapper, listeners, settings), properties);
  }

  private NotionClient(NotionTransport transport, NotionProperties properties) {
    this(
        transport,
        StandaloneRoutes.start(
                "notion-api.camel.yaml",
                Map.of("notion.api.base-url", properties.api().baseUrl().replaceAll("/+$", "")),
                Map.of(NotionTransport.BEAN, transport),
                transport.settings().connectTimeout().toMillis(),
                transport.settings().requestTimeout().toMillis())
            .createProducerTemplate(),
        Priority.BULK);
  }

  private NotionClient(NotionTransport transport, ProducerTemplate template, Priority priority) {
    this.transport = transport;
    this.template = template;
    this.planner = new BlockRequestPlanner(transport.mapper());
    this.writer = new BlockTreeWriter(planner, transport.mapper(), transport.version());
    this.priority = priority;
  }

  private static NotionTransport bind(CamelContext context, NotionTransport transport) {
    context.getRegistry().bind(NotionTransport.BEAN, transport);
    return transport;
  }

  /** This client with {@link Priority#URGENT}: goes before bulk calls waiting for the budget. */
  public NotionClient urgent() {
    return withPriority(Priority.URGENT);
  }

  /** This client with the given priority, sharing budget and retries. */
  public NotionClient withPriority(Priority priority) {
    return priority == this.priority ? this : new NotionClient(transport, template, priority);
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
    return request(auth, "GET", path, null);
  }

  public JsonNode post(NotionAuth auth, String path, JsonNode body) {
    return request(auth, "POST", path, body);
  }

  public JsonNode patch(NotionAuth auth, String path, JsonNode body) {
    return request(auth, "PATCH", path, body);
  }

  public JsonNode delete(NotionAuth auth, String path) {
    return request(auth, "DELETE", path, null);
  }

  // ---- users and search ----------------------------------------------------------------------

  public JsonNode me(NotionAuth auth) {
    return call("notion-users-me", auth, null, null, null);
  }

  public List<JsonNode> listUsers(NotionAuth auth) {
    return all(
        cursor ->
            list(
                call(
                    "notion-users-list", auth, null, "page_size=100" + cursorParam(cursor), null)));
  }

  /** {@code objectType} is {@code "page"}, {@code "data_source"} or null for both. */
  public NotionList search(
      NotionAuth auth, String query, String objectType, String cursor, Integer pageSize) {
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
    return list(call("notion-search", auth, null, null, body));
  }

  // ---- databases and data sources ------------------------------------------------------------

  public JsonNode retrieveDatabase(NotionAuth auth, String databaseId) {
    return call("notion-database-retrieve", auth, id(databaseId), null, null);
  }

  public JsonNode retrieveDataSource(NotionAuth auth, String dataSourceId) {
    return call("notion-data-source-retrieve", auth, id(dataSourceId), null, null);
  }

  /**
   * Accepts a data source id or a database id (then its first data source) and returns a data
   * source id.
   */
  public String resolveDataSourceId(NotionAuth auth, String id) {
    return resolveDataSource(auth, id, false).path("id").asText(id);
  }

  /**
   * The data source an id names or, for a database id (2025-09-03 discovery), the database's first
   * data source: the whole object when {@code full}, else at least its {@code id} (one request
   * less).
   */
  public JsonNode resolveDataSource(NotionAuth auth, String id, boolean full) {
    try {
      return retrieveDataSource(auth, id);
    } catch (NotionApiException e) {
      if (e.status() != 404 && !"validation_error".equals(e.code())) {
        throw e;
      }
    }
    JsonNode sources = retrieveDatabase(auth, id).path("data_sources");
    if (!sources.isArray() || sources.isEmpty()) {
      throw new NotionApiException(
          404, "object_not_found", "database " + id + " has no data source", null, false, null);
    }
    return full ? retrieveDataSource(auth, sources.get(0).path("id").asText()) : sources.get(0);
  }

  public NotionList queryDataSource(
      NotionAuth auth, String dataSourceId, ObjectNode filter, ArrayNode sorts, String cursor) {
    ObjectNode body = mapper().createObjectNode();
    if (filter != null) {
      body.set("filter", filter);
    }
    if (sorts != null) {
      body.set("sorts", sorts);
    }
    putCursor(body, cursor);
    body.put("page_size", NotionLimits.MAX_PAGE_SIZE);
    return list(call("notion-data-source-query", auth, id(dataSourceId), null, body));
  }

  /**
   * Every row of a query (Notion stops at 10,000 rows per query: narrow the filter beyond that).
   */
  public List<JsonNode> queryDataSourceAll(
      NotionAuth auth, String dataSourceId, ObjectNode filter, ArrayNode sorts) {
    return all(cursor -> queryDataSource(auth, dataSourceId, filter, sorts, cursor));
  }

  // ---- pages -----------------------------------------------------------------------------------

  /**
   * Creates a page with as many children inline as one request allows and appends the rest. Returns
   * the created page (as Notion answered the create).
   */
  public JsonNode createPage(
      NotionAuth auth, ObjectNode parent, ObjectNode properties, List<ObjectNode> children) {
    return writer.createPage(sender(auth), parent, properties, children);
  }

  public JsonNode retrievePage(NotionAuth auth, String pageId) {
    return call("notion-page-retrieve", auth, id(pageId), null, null);
  }

  public JsonNode updatePage(NotionAuth auth, String pageId, ObjectNode patch) {
    ObjectNode body = patch.deepCopy();
    if (body.get("properties") instanceof ObjectNode props) {
      planner.fitProperties(props);
    }
    return call("notion-page-update", auth, id(pageId), null, body);
  }

  public JsonNode trashPage(NotionAuth auth, String pageId) {
    return call(
        "notion-page-update",
        auth,
        id(pageId),
        null,
        mapper().createObjectNode().put("in_trash", true));
  }

  // ---- blocks ----------------------------------------------------------------------------------

  public NotionList listBlockChildren(NotionAuth auth, String blockId, String cursor) {
    return list(
        call("notion-blocks-list", auth, id(blockId), "page_size=100" + cursorParam(cursor), null));
  }

  public List<JsonNode> listAllBlockChildren(NotionAuth auth, String blockId) {
    return all(cursor -> listBlockChildren(auth, blockId, cursor));
  }

  /**
   * Appends a tree of blocks at the end of {@code blockId}, in as many requests as Notion's limits
   * need. Returns the created top-level blocks, in order.
   */
  public List<JsonNode> appendBlockChildren(
      NotionAuth auth, String blockId, List<ObjectNode> children) {
    return writer.append(sender(auth), id(blockId), children, null);
  }

  /**
   * Like {@link #appendBlockChildren} but inserts the blocks right after the child {@code
   * afterBlockId} of {@code blockId}, sending {@code after} or, from version 2026-03-11, {@code
   * position.after_block}.
   */
  public List<JsonNode> insertBlockChildrenAfter(
      NotionAuth auth, String blockId, String afterBlockId, List<ObjectNode> children) {
    return writer.append(sender(auth), id(blockId), children, id(afterBlockId));
  }

  public JsonNode updateBlock(NotionAuth auth, String blockId, ObjectNode patch) {
    return call("notion-block-update", auth, id(blockId), null, patch);
  }

  public JsonNode deleteBlock(NotionAuth auth, String blockId) {
    return call("notion-block-delete", auth, id(blockId), null, null);
  }

  // ---- files -----------------------------------------------------------------------------------

  /**
   * Downloads a Notion-hosted file (a {@code file} object's pre-signed URL, valid about an hour)
   * through the {@code notion-file-download} route: no Notion token is sent, no budget is used.
   * Answers other than 200 (403 once the URL expired), files above {@code maxBytes} and non-http(s)
   * URLs are a non-retryable {@link NotionApiException}.
   */
  public NotionFile downloadFile(String url, long maxBytes) {
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      throw new NotionApiException(
          400, "invalid_file_url", "not an http(s) URL", null, false, null);
    }
    Exchange done =
        template.send(
            "direct:notion-file-download", exchange -> exchange.setProperty("notionFileUrl", url));
    if (done.getException() != null) {
      throw new NotionApiException(
          0,
          NotionApiException.NETWORK_ERROR,
          String.valueOf(done.getException().getMessage()),
          null,
          true,
          null,
          done.getException());
    }
    int status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    if (status != 200) {
      throw new NotionApiException(
          status,
          status == 403 ? "file_url_expired" : "file_download_failed",
          "the file host answered " + status,
          null,
          status >= 500,
          null);
    }
    byte[] bytes = done.getMessage().getBody(byte[].class);
    if (bytes == null || bytes.length > maxBytes) {
      throw new NotionApiException(
          413,
          "file_too_large",
          "the file is larger than " + maxBytes + " bytes",
          null,
          false,
          null);
    }
    String type = done.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
    return new NotionFile(
        bytes, type == null ? null : type.split(";")[0].trim().toLowerCase(Locale.ROOT));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private ObjectMapper mapper() {
    return transport.mapper();
  }

  /** The writer's requests: the create and each planned append batch, through their routes. */
  private BlockTreeWriter.Sender sender(NotionAuth auth) {
    return (method, path, body) -> {
      Matcher children = CHILDREN.matcher(path);
      if (method.equals("POST") && path.equals("/v1/pages")) {
        return call("notion-page-create", auth, null, null, body);
      }
      if (method.equals("PATCH") && children.matches()) {
        return call("notion-blocks-append", auth, id(children.group(1)), null, body);
      }
      return request(auth, method, path, body);
    };
  }

  /** A call of the generic {@code notion-request} route; {@code path} may carry a query string. */
  private JsonNode request(NotionAuth auth, String method, String path, JsonNode body) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(NotionTransport.METHOD, method);
    properties.put(NotionTransport.PATH, path);
    return send("notion-request", auth, properties, body);
  }

  /** A call of one operation route, which sets method and path from {@code id}. */
  private JsonNode call(String route, NotionAuth auth, String id, String query, JsonNode body) {
    Map<String, Object> properties = new HashMap<>();
    if (id != null) {
      properties.put(NotionTransport.ID, id);
    }
    if (query != null) {
      properties.put(NotionTransport.QUERY, query);
    }
    return send(route, auth, properties, body);
  }

  private JsonNode send(
      String route, NotionAuth auth, Map<String, Object> properties, JsonNode body) {
    Exchange done =
        template.send(
            "direct:" + route,
            exchange -> {
              properties.forEach(exchange::setProperty);
              exchange.setProperty(NotionTransport.AUTH, auth);
              exchange.setProperty(NotionTransport.PRIORITY, priority);
              if (body != null) {
                exchange.setProperty(NotionTransport.BODY, body);
              }
            });
    Exception failure = done.getException();
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure != null) {
      throw new NotionApiException(
          0,
          NotionApiException.NETWORK_ERROR,
          String.valueOf(failure.getMessage()),
          null,
          true,
          null,
          failure);
    }
    return done.getMessage().getBody(JsonNode.class);
  }

  /** Every result of a paginated call, following {@code next_cursor} (the one pagination loop). */
  private static List<JsonNode> all(Function<String, NotionList> pageAt) {
    List<JsonNode> results = new ArrayList<>();
    String cursor = null;
    do {
      NotionList page = pageAt.apply(cursor);
      results.addAll(page.results());
      cursor = page.hasMore() ? page.nextCursor() : null;
    } while (cursor != null);
    return results;
  }

  private NotionList list(JsonNode response) {
    List<JsonNode> results = new ArrayList<>();
    response.path("results").forEach(results::add);
    JsonNode next = response.get("next_cursor");
    return new NotionList(
        results,
        next == null || next.isNull() ? null : next.asText(),
        response.path("has_more").asBoolean(false));
  }

  private static void putCursor(ObjectNode body, String cursor) {
    if (cursor != null) {
      body.put("start_cursor", cursor);
    }
  }

  private static String cursorParam(String cursor) {
    return cursor == null
        ? ""
        : "&start_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  /** Notion ids are UUIDs (with or without dashes); anything else would change the request path. */
  private static String id(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a Notion id: " + id);
    }
    return id;
  }
}
