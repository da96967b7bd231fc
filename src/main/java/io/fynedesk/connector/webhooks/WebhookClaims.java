package io.fynedesk.connector.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Claims ledger rows for processing with a per-entity debounce, safely across replicas: an entity
 * is taken only once no delivery about it arrived within the debounce window and no other
 * processing of it is running; its newest received row becomes the lead (a conditional update, so
 * one replica wins) and its older received rows are folded into it as {@code coalesced}.
 */
@Repository
public class WebhookClaims {

  private static final RowMapper<WebhookEvent> ROW =
      (rs, i) ->
          new WebhookEvent(
              rs.getString("id"),
              rs.getString("type"),
              rs.getString("workspace_id"),
              rs.getString("entity_id"),
              rs.getString("entity_type"),
              rs.getObject("event_at", OffsetDateTime.class),
              rs.getString("payload"));

  private static final String COLUMNS =
      "id, type, workspace_id, entity_id, entity_type, event_at, payload, received_at";

  private final NamedParameterJdbcTemplate jdbc;

  WebhookClaims(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes up to {@code limit} processings: rows whose processing started more than {@code stale}
   * ago (their replica died) one by one, then entities quiet for {@code debounce}, oldest first.
   */
  public List<ClaimedEvent> claim(int limit, Duration debounce, Duration stale) {
    OffsetDateTime now = now();
    OffsetDateTime staleBefore = now.minus(stale);
    List<ClaimedEvent> out = new ArrayList<>(reclaimStale(limit, now, staleBefore));
    MapSqlParameterSource p =
        new MapSqlParameterSource("cutoff", now.minus(debounce))
            .addValue("staleBefore", staleBefore)
            .addValue("limit", Math.max(0, limit - out.size()));
    List<String> entities =
        jdbc.queryForList(
            """
        SELECT g.k FROM (SELECT COALESCE(entity_id, id) AS k, MIN(received_at) AS first_at,
            MAX(received_at) AS last_at FROM notion_webhook_event WHERE status = 'received'
            GROUP BY COALESCE(entity_id, id)) g
        WHERE g.last_at <= :cutoff AND NOT EXISTS (SELECT 1 FROM notion_webhook_event r
            WHERE r.entity_id = g.k AND r.status = 'processing' AND r.claimed_at >= :staleBefore)
        ORDER BY g.first_at LIMIT :limit""",
            p,
            String.class);
    for (String entity : entities) {
      claimEntity(entity, now).ifPresent(out::add);
    }
    return out;
  }

  private Optional<ClaimedEvent> claimEntity(String entity, OffsetDateTime now) {
    List<WebhookEvent> rows =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM notion_webhook_event WHERE status = 'received'"
                + " AND (entity_id = :k OR (entity_id IS NULL AND id = :k))"
                + " ORDER BY received_at, id",
            new MapSqlParameterSource("k", entity),
            ROW);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    WebhookEvent lead = rows.get(rows.size() - 1);
    MapSqlParameterSource p = new MapSqlParameterSource("id", lead.id()).addValue("now", now);
    int won =
        jdbc.update(
            """
        UPDATE notion_webhook_event SET status = 'processing', claimed_at = :now, attempts = attempts + 1
        WHERE id = :id AND status = 'received'""",
            p);
    if (won != 1) {
      return Optional.empty();
    }
    List<WebhookEvent> folded = new ArrayList<>();
    for (WebhookEvent older : rows.subList(0, rows.size() - 1)) {
      if (fold(older.id(), lead.id(), now)) {
        folded.add(older);
      }
    }
    return Optional.of(new ClaimedEvent(lead, folded, attempts(lead.id())));
  }

  private boolean fold(String id, String leadId, OffsetDateTime now) {
    return jdbc.update(
            """
        UPDATE notion_webhook_event SET status = 'coalesced', coalesced_into = :lead, processed_at = :now,
            note = :note WHERE id = :id AND status = 'received'""",
            new MapSqlParameterSource("id", id)
                .addValue("lead", leadId)
                .addValue("now", now)
                .addValue("note", "folded into " + leadId + " (debounce)"))
        == 1;
  }

  private List<ClaimedEvent> reclaimStale(
      int limit, OffsetDateTime now, OffsetDateTime staleBefore) {
    MapSqlParameterSource p =
        new MapSqlParameterSource("limit", limit)
            .addValue("before", staleBefore)
            .addValue("now", now);
    List<WebhookEvent> stale =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM notion_webhook_event WHERE status = 'processing' AND claimed_at < :before"
                + " ORDER BY received_at LIMIT :limit",
            p,
            ROW);
    List<ClaimedEvent> out = new ArrayList<>();
    for (WebhookEvent e : stale) {
      int won =
          jdbc.update(
              """
          UPDATE notion_webhook_event SET claimed_at = :now, attempts = attempts + 1
          WHERE id = :id AND status = 'processing' AND claimed_at < :before""",
              new MapSqlParameterSource(p.getValues()).addValue("id", e.id()));
      if (won == 1) {
        out.add(new ClaimedEvent(e, List.of(), attempts(e.id())));
      }
    }
    return out;
  }

  private int attempts(String id) {
    Integer n =
        jdbc.queryForObject(
            "SELECT attempts FROM notion_webhook_event WHERE id = :id",
            new MapSqlParameterSource("id", id),
            Integer.class);
    return n == null ? 0 : n;
  }

  /**
   * Right before a claimed event is processed: whether this claim still holds it (no replica
   * reclaimed it as stale while it waited behind the rest of its batch), and if so renews it, so it
   * is processed once. A batch waiting on the Notion budget can outlast the stale timeout.
   */
  public boolean stillClaimed(ClaimedEvent c) {
    return jdbc.update(
            """
            UPDATE notion_webhook_event SET claimed_at = :now
            WHERE id = :id AND status = 'processing' AND attempts = :claim""",
            new MapSqlParameterSource("id", c.lead().id())
                .addValue("claim", c.claim())
                .addValue("now", now()))
        == 1;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
