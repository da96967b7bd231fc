package io.fynedesk.connector.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every signed Notion webhook event, written before the 200 and keyed by Notion's event id, so a
 * redelivery (Notion retries up to 8 times) is stored once. Rows move {@code received → processing
 * → done | ignored | echo | failed}, or {@code received → coalesced} when the debounce folds them
 * into a newer event of the same entity ({@link WebhookClaims}).
 */
@Repository
public class WebhookLedger {

  private final NamedParameterJdbcTemplate jdbc;

  WebhookLedger(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  private static final String INSERT =
      """
      INSERT INTO notion_webhook_event (id, type, workspace_id, entity_id, entity_type, event_at,
          attempt_number, payload, status, received_at)
      VALUES (:id, :type, :ws, :entity, :entityType, :at, :attempt, :payload, 'received', :now)
      ON CONFLICT DO NOTHING""";

  /** An event to store with the attempt number Notion gave it (null when none). */
  public record Delivery(WebhookEvent event, Integer attempt) {}

  /** Stores an event; false when one with this id is stored already. */
  public boolean insert(WebhookEvent e, Integer attempt) {
    return jdbc.update(INSERT, parameters(new Delivery(e, attempt), now())) == 1;
  }

  /**
   * Stores several events in one statement batch (the caller holds the transaction); {@code true}
   * at index i when event i was new, {@code false} for an id stored already (or earlier in the
   * batch).
   */
  boolean[] insertAll(List<Delivery> deliveries) {
    OffsetDateTime now = now();
    int[] counts =
        jdbc.batchUpdate(
            INSERT,
            deliveries.stream().map(d -> parameters(d, now)).toArray(MapSqlParameterSource[]::new));
    boolean[] stored = new boolean[deliveries.size()];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = counts[i] == 1;
    }
    return stored;
  }

  private static MapSqlParameterSource parameters(Delivery d, OffsetDateTime now) {
    WebhookEvent e = d.event();
    return new MapSqlParameterSource()
        .addValue("id", e.id())
        .addValue("type", e.type())
        .addValue("ws", e.workspaceId())
        .addValue("entity", e.entityId())
        .addValue("entityType", e.entityType())
        .addValue("at", e.timestamp())
        .addValue("attempt", d.attempt())
        .addValue("payload", e.payload())
        .addValue("now", now);
  }

  /**
   * After a failed attempt: back to {@code received} for another try, or {@code failed} after the
   * last.
   */
  public void retryOrFail(String id, int maxAttempts, String note) {
    jdbc.update(
        """
        UPDATE notion_webhook_event SET status = CASE WHEN attempts >= :max THEN 'failed' ELSE 'received' END,
            note = :note WHERE id = :id""",
        new MapSqlParameterSource("id", id)
            .addValue("max", maxAttempts)
            .addValue(
                "note", note == null ? null : note.substring(0, Math.min(note.length(), 2000))));
  }

  /** Back to {@code received} without spending an attempt (nothing could be sent). */
  public void retryUncounted(String id, String note) {
    jdbc.update(
        """
        UPDATE notion_webhook_event SET status = 'received', attempts = attempts - 1, note = :note
        WHERE id = :id""",
        new MapSqlParameterSource("id", id)
            .addValue(
                "note", note == null ? null : note.substring(0, Math.min(note.length(), 2000))));
  }

  /** Records how an event ended and for which org. */
  public void finish(String id, String org, String status, String note) {
    jdbc.update(
        """
        UPDATE notion_webhook_event SET status = :status, org_id = :org, note = :note, processed_at = :now
        WHERE id = :id""",
        new MapSqlParameterSource()
            .addValue("id", id)
            .addValue("org", org)
            .addValue("status", status)
            .addValue(
                "note", note == null ? null : note.substring(0, Math.min(note.length(), 2000)))
            .addValue("now", now()));
  }

  /** Status of one event, if stored. */
  public Optional<String> status(String id) {
    return jdbc
        .queryForList(
            "SELECT status FROM notion_webhook_event WHERE id = :id",
            new MapSqlParameterSource("id", id),
            String.class)
        .stream()
        .findFirst();
  }

  /** When the newest signed event of a workspace arrived. */
  public Optional<OffsetDateTime> lastReceived(String workspaceId) {
    return Optional.ofNullable(
        jdbc.queryForObject(
            "SELECT MAX(received_at) FROM notion_webhook_event WHERE workspace_id = :ws",
            new MapSqlParameterSource("ws", workspaceId),
            OffsetDateTime.class));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
