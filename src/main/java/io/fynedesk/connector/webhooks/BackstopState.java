package io.fynedesk.connector.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the backstop remembers per org: its cursor and caught total ({@code backstop_cursor}), and
 * the hash of each page as it last saw it ({@code backstop_seen}).
 */
@Repository
class BackstopState {

  private final JdbcTemplate jdbc;

  BackstopState(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<OffsetDateTime> cursor(String org) {
    return jdbc
        .queryForList(
            "SELECT cursor_at FROM backstop_cursor WHERE org_id = ?", OffsetDateTime.class, org)
        .stream()
        .findFirst();
  }

  long caughtTotal(String org) {
    return jdbc
        .queryForList("SELECT caught_total FROM backstop_cursor WHERE org_id = ?", Long.class, org)
        .stream()
        .findFirst()
        .orElse(0L);
  }

  void saveCursor(String org, OffsetDateTime now, long missed) {
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

  /**
   * How a page looked to the backstop against the last time it saw it.
   *
   * @param changed whether its hash differs from the last one seen (or it was never seen)
   * @param previouslySeenAt when it was last seen, null if never
   */
  record Sighting(boolean changed, OffsetDateTime previouslySeenAt) {}

  /** Records seeing the page now with this hash. */
  Sighting see(String org, String pageId, String hash, OffsetDateTime now) {
    List<Map<String, Object>> seen =
        jdbc.queryForList(
            "SELECT content_hash, seen_at FROM backstop_seen WHERE org_id = ? AND page_id = ?",
            org,
            pageId);
    if (seen.isEmpty()) {
      int inserted =
          jdbc.update(
              "INSERT INTO backstop_seen (org_id, page_id, content_hash, seen_at) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING",
              org,
              pageId,
              hash,
              now);
      return new Sighting(inserted == 1, null);
    }
    OffsetDateTime before =
        jdbc.queryForObject(
            "SELECT seen_at FROM backstop_seen WHERE org_id = ? AND page_id = ?",
            OffsetDateTime.class,
            org,
            pageId);
    jdbc.update(
        "UPDATE backstop_seen SET content_hash = ?, seen_at = ? WHERE org_id = ? AND page_id = ?",
        hash,
        now,
        org,
        pageId);
    return new Sighting(!hash.equals(seen.get(0).get("content_hash")), before);
  }

  /** Whether a webhook about the page arrived at or after {@code since}. */
  boolean webhookSince(String pageId, OffsetDateTime since) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM notion_webhook_event WHERE entity_id = ? AND received_at >= ?",
            Integer.class,
            pageId,
            since);
    return n != null && n > 0;
  }

  /** When a page never seen before counts as delivered by webhook: since its last edit's minute. */
  static OffsetDateTime editedMinute(String lastEdited) {
    return lastEdited == null
        ? OffsetDateTime.now(ZoneOffset.UTC).minus(Backstop.OVERLAP)
        : OffsetDateTime.parse(lastEdited).minus(Duration.ofMinutes(1));
  }
}
