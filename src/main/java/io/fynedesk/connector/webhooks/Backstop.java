package io.fynedesk.connector.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.notion.NotionClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The backstop: per connected org, the pages of its linked data source edited since the last run
 * (minus two minutes, as Notion rounds {@code last_edited_time} down to the minute), deduplicated
 * by page and a hash of its properties against what was last seen, fed to the same routes as
 * webhooks. A change no webhook delivered is counted as caught (metric {@code
 * connector.backstop.caught}).
 */
@Component("backstop")
public class Backstop {

  /** Notion rounds last_edited_time down to the minute; one more minute for clock skew. */
  static final Duration OVERLAP = Duration.ofMinutes(2);

  private final OrgConnections connections;
  private final ConnectionHealth health;
  private final NotionClient notion;
  private final JdbcTemplate jdbc;
  private final ObjectMapper mapper;
  private final Counter caught;

  Backstop(
      OrgConnections connections,
      ConnectionHealth health,
      NotionClient notion,
      JdbcTemplate jdbc,
      ObjectMapper mapper,
      MeterRegistry meters) {
    this.connections = connections;
    this.health = health;
    this.notion = notion;
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.caught =
        Counter.builder("connector.backstop.caught")
            .description("Notion changes the backstop found that no webhook delivered")
            .register(meters);
  }

  /** One page the backstop found changed, as the webhook routes take it. */
  public record Change(String orgId, String pageId, boolean caught) {}

  /** The orgs to look at this run. */
  public List<String> orgs() {
    return connections.connectedOrgs();
  }

  /** Changed pages of one org since its cursor; moves the cursor and records what it saw. */
  public List<Change> scan(String org) {
    Optional<OrgConnection> c = connections.connected(org);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (c.isEmpty() || !c.get().settings().enabled()) {
      return List.of();
    }
    List<Change> changes = new ArrayList<>();
    OffsetDateTime since = cursor(org).orElse(now.minus(Duration.ofDays(1))).minus(OVERLAP);
    for (String dataSource : c.get().settings().watchedDataSources()) {
      ObjectNode filter = mapper.createObjectNode().put("timestamp", "last_edited_time");
      filter.putObject("last_edited_time").put("on_or_after", since.toInstant().toString());
      for (JsonNode page : notion.queryDataSourceAll(c.get().auth(), dataSource, filter, null)) {
        String pageId = page.path("id").asText();
        if (changedSinceSeen(org, pageId, hash(page.path("properties")), now)) {
          boolean missed = !webhookSeen(pageId, page.path("last_edited_time").asText(null));
          changes.add(new Change(org, pageId, missed));
        }
      }
    }
    long missed = changes.stream().filter(Change::caught).count();
    caught.increment(missed);
    saveCursor(org, now, missed);
    health.synced(org);
    return changes;
  }

  /** How many changes the backstop caught for an org that no webhook delivered, in all. */
  public long caughtTotal(String org) {
    return jdbc
        .queryForList("SELECT caught_total FROM backstop_cursor WHERE org_id = ?", Long.class, org)
        .stream()
        .findFirst()
        .orElse(0L);
  }

  private Optional<OffsetDateTime> cursor(String org) {
    return jdbc
        .queryForList(
            "SELECT cursor_at FROM backstop_cursor WHERE org_id = ?", OffsetDateTime.class, org)
        .stream()
        .findFirst();
  }

  private void saveCursor(String org, OffsetDateTime now, long missed) {
    int updated =
        jdbc.update(
            "UPDATE backstop_cursor SET cursor_at = ?, last_run_at = ?, caught_total = caught_total + ?"
                + " WHERE org_id = ?",
            now,
            now,
            missed,
            org);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO backstop_cursor (org_id, cursor_at, last_run_at, caught_total) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT DO NOTHING",
          org,
          now,
          now,
          missed);
    }
  }

  /** Records the page's hash; true when it differs from the one last seen (or none was). */
  private boolean changedSinceSeen(String org, String pageId, String hash, OffsetDateTime now) {
    List<String> seen =
        jdbc.queryForList(
            "SELECT content_hash FROM backstop_seen WHERE org_id = ? AND page_id = ?",
            String.class,
            org,
            pageId);
    if (!seen.isEmpty() && seen.get(0).equals(hash)) {
      return false;
    }
    if (seen.isEmpty()) {
      jdbc.update(
          "INSERT INTO backstop_seen (org_id, page_id, content_hash, seen_at) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT DO NOTHING",
          org,
          pageId,
          hash,
          now);
    } else {
      jdbc.update(
          "UPDATE backstop_seen SET content_hash = ?, seen_at = ? WHERE org_id = ? AND page_id = ?",
          hash,
          now,
          org,
          pageId);
    }
    return true;
  }

  /**
   * Whether a webhook about the page arrived since its last edit (minus Notion's minute rounding).
   */
  private boolean webhookSeen(String pageId, String lastEdited) {
    OffsetDateTime edited = lastEdited == null ? null : OffsetDateTime.parse(lastEdited);
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM notion_webhook_event WHERE entity_id = ?"
                + " AND received_at >= ?",
            Integer.class,
            pageId,
            edited == null
                ? OffsetDateTime.now(ZoneOffset.UTC).minus(OVERLAP)
                : edited.minus(Duration.ofMinutes(1)));
    return n != null && n > 0;
  }

  private static String hash(JsonNode properties) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(properties.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
