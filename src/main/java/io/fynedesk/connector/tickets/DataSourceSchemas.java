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

  DataSourceSchemas(NotionClient notion) {
    this.notion = notion.urgent();
  }

  private record Cached(String dataSourceId, JsonNode properties, Instant at) {}

  /** The data source's {@code properties} schema (name → {id, type, options…}). */
  public JsonNode properties(NotionAuth auth, String dataSourceOrDatabaseId) {
    String key = auth.connectionKey() + "|" + dataSourceOrDatabaseId;
    Cached c = cache.get(key);
    if (c != null && c.at().plus(TTL).isAfter(Instant.now())) {
      return c.properties();
    }
    String dataSourceId = notion.resolveDataSourceId(auth, dataSourceOrDatabaseId);
    JsonNode properties = notion.retrieveDataSource(auth, dataSourceId).path("properties");
    cache.put(key, new Cached(dataSourceId, properties, Instant.now()));
    return properties;
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
