package io.fynedesk.connector.knowledge;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code knowledge_sync_run} table: every sync with its progress and outcome. */
@Repository
class SyncRuns {

  /** Counters of a run, updated while it goes. */
  static final class Progress {
    int seen;
    int changed;
    int removed;
    int written;
  }

  private final NamedParameterJdbcTemplate jdbc;

  SyncRuns(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void queued(String id, String integrationId, String orgId, String kind) {
    jdbc.update(
        """
        INSERT INTO knowledge_sync_run (id, integration_id, org_id, kind, status, pages_seen,
            pages_changed, pages_removed, records_written, created_at)
        VALUES (:id, :i, :org, :kind, 'queued', 0, 0, 0, 0, :now)""",
        new MapSqlParameterSource("id", id)
            .addValue("i", integrationId)
            .addValue("org", orgId)
            .addValue("kind", kind)
            .addValue("now", IntegrationRepository.now()));
  }

  void started(String id) {
    jdbc.update(
        "UPDATE knowledge_sync_run SET status = 'running', started_at = :now WHERE id = :id",
        new MapSqlParameterSource("id", id).addValue("now", IntegrationRepository.now()));
  }

  /** Whether another run of the integration is running and started after {@code since}. */
  boolean otherRunning(String integrationId, String runId, OffsetDateTime since) {
    Long n =
        jdbc.queryForObject(
            """
            SELECT COUNT(*) FROM knowledge_sync_run WHERE integration_id = :i AND id <> :id
                AND status = 'running' AND started_at > :since""",
            new MapSqlParameterSource("i", integrationId)
                .addValue("id", runId)
                .addValue("since", since),
            Long.class);
    return n != null && n > 0;
  }

  void progress(String id, Progress p) {
    jdbc.update(
        """
        UPDATE knowledge_sync_run SET pages_seen = :seen, pages_changed = :changed,
            pages_removed = :removed, records_written = :written WHERE id = :id""",
        counters(id, p));
  }

  void finished(String id, String status, Progress p, String error) {
    jdbc.update(
        """
        UPDATE knowledge_sync_run SET status = :status, pages_seen = :seen,
            pages_changed = :changed, pages_removed = :removed, records_written = :written,
            error = :error, finished_at = :now WHERE id = :id""",
        counters(id, p)
            .addValue("status", status)
            .addValue("error", error)
            .addValue("now", IntegrationRepository.now()));
  }

  /** The integration's runs, newest first (at most 50). */
  List<Map<String, Object>> list(String orgId, String integrationId) {
    return jdbc.query(
        """
        SELECT * FROM knowledge_sync_run WHERE integration_id = :i AND org_id = :org
        ORDER BY created_at DESC, id DESC LIMIT 50""",
        new MapSqlParameterSource("i", integrationId).addValue("org", orgId),
        (rs, n) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", rs.getString("id"));
          m.put("kind", rs.getString("kind"));
          m.put("status", rs.getString("status"));
          m.put("pagesSeen", rs.getInt("pages_seen"));
          m.put("pagesChanged", rs.getInt("pages_changed"));
          m.put("pagesRemoved", rs.getInt("pages_removed"));
          m.put("recordsWritten", rs.getInt("records_written"));
          m.put("error", rs.getString("error"));
          m.put("createdAt", time(rs.getObject("created_at", OffsetDateTime.class)));
          m.put("startedAt", time(rs.getObject("started_at", OffsetDateTime.class)));
          m.put("finishedAt", time(rs.getObject("finished_at", OffsetDateTime.class)));
          return m;
        });
  }

  /** Runs a crashed replica left running are marked interrupted. */
  void interruptStale(OffsetDateTime before) {
    jdbc.update(
        """
        UPDATE knowledge_sync_run SET status = 'interrupted', finished_at = :now
        WHERE status IN ('running', 'queued') AND created_at < :before""",
        new MapSqlParameterSource("before", before).addValue("now", IntegrationRepository.now()));
  }

  static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private static MapSqlParameterSource counters(String id, Progress p) {
    return new MapSqlParameterSource("id", id)
        .addValue("seen", p.seen)
        .addValue("changed", p.changed)
        .addValue("removed", p.removed)
        .addValue("written", p.written);
  }
}
