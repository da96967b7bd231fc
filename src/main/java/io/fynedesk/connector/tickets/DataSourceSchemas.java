package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Property schemas of data sources, cached per org for a few minutes so a page creation costs one
 * Notion request, not two. A Notion validation error on a write evicts the entry.
 */
@Component
public class DataSourceSchemas {

  private static final Duration TTL = Duration.ofMinutes(5);

  private final NotionClient notion;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Object> loading = new ConcurrentHashMap<>();

  DataSourceSchemas(NotionClient notion) {
    this.notion = notion.urgent();
  }

  private record Cached(String dataSourceId, JsonNode properties, Instant at) {}

  /**
   * The data source's {@code properties} schema (name → {id, type, options…}). A miss costs one
   * request (three for a database id) and is loaded once: concurrent workers wait for it rather
   * than each spending the connection's budget on the same read.
   */
  public JsonNode properties(NotionAuth auth, String dataSourceOrDatabaseId) {
    String key = auth.connectionKey() + "|" + dataSourceOrDatabaseId;
    Cached c = fresh(key);
    if (c != null) {
      return c.properties();
    }
    synchronized (loading.computeIfAbsent(key, k -> new Object())) {
      c = fresh(key);
      if (c == null) {
        JsonNode dataSource = retrieve(auth, dataSourceOrDatabaseId);
        c =
            new Cached(
                dataSource.path("id").asText(dataSourceOrDatabaseId),
                dataSource.path("properties"),
                Instant.now());
        cache.put(key, c);
      }
      return c.properties();
    }
  }

  private Cached fresh(String key) {
    Cached c = cache.get(key);
    return c != null && c.at().plus(TTL).isAfter(Instant.now()) ? c : null;
  }

  /** The data source itself when the id names one (one request), else the database's first one. */
  private JsonNode retrieve(NotionAuth auth, String dataSourceOrDatabaseId) {
    return notion.resolveDataSource(auth, dataSourceOrDatabaseId, true);
  }

  /** The data source id behind an id that may name a database (2025-09-03 discovery). */
  public String dataSourceId(NotionAuth auth, String dataSourceOrDatabaseId) {
    Cached c = cache.get(auth.connectionKey() + "|" + dataSourceOrDatabaseId);
    return c != null ? c.dataSourceId() : notion.resolveDataSourceId(auth, dataSourceOrDatabaseId);
  }

  /** Forgets an org's cached schemas (after a validation error or a settings change). */
  public void evict(String orgId) {
    cache.keySet().removeIf(k -> k.startsWith(orgId + "|"));
  }
}
