package io.fynedesk.connector.failures;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The failure list: open failures per org, each with the id of the inbox event that replays it
 * (kept in the {@code payload} column of V1; the column keeps its name so no migration races other
 * work).
 */
@Repository
public class FailureRepository {

  private static final RowMapper<Failure> ROW =
      (rs, i) ->
          new Failure(
              rs.getString("id"),
              rs.getString("kind"),
              rs.getString("subject_id"),
              rs.getString("code"),
              rs.getString("message"),
              rs.getInt("attempts"),
              rs.getObject("first_failed_at", OffsetDateTime.class),
              rs.getObject("last_failed_at", OffsetDateTime.class));

  private final NamedParameterJdbcTemplate jdbc;

  FailureRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a failure; an open failure of the same kind and subject is updated instead of
   * duplicated, so a retried-and-failed-again item shows once with its attempt count.
   */
  public String record(
      String orgId,
      String kind,
      String subjectId,
      String code,
      String message,
      int attempts,
      String eventId) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    MapSqlParameterSource p =
        new MapSqlParameterSource()
            .addValue("org", orgId)
            .addValue("kind", kind)
            .addValue("subject", subjectId)
            .addValue("code", code)
            .addValue(
                "msg",
                message == null || message.length() <= 4000 ? message : message.substring(0, 4000))
            .addValue("attempts", attempts)
            .addValue("eventId", eventId)
            .addValue("now", now);
    if (subjectId == null) {
      return insert(p, null);
    }
    // One open failure per subject, kept by the unique open_key: an insert that loses the race to
    // another worker's becomes an update of that row (and a row resolved meanwhile, a new insert).
    String key = orgId + "|" + kind + "|" + subjectId;
    p.addValue("key", key);
    for (int round = 0; ; round++) {
      List<String> open =
          jdbc.queryForList("SELECT id FROM failure WHERE open_key = :key", p, String.class);
      if (!open.isEmpty()) {
        p.addValue("id", open.get(0));
        if (jdbc.update(
                """
                UPDATE failure SET code = :code, message = :msg, attempts = attempts + :attempts,
                  payload = :eventId, last_failed_at = :now WHERE id = :id AND open_key = :key""",
                p)
            == 1) {
          return open.get(0);
        }
      }
      String id = insert(p, key);
      if (id != null || round >= 4) {
        return id != null ? id : insert(p, null);
      }
    }
  }

  /** Inserts an open failure under {@code key}; null when another open one holds the key. */
  private String insert(MapSqlParameterSource p, String key) {
    String id = "fail_" + UUID.randomUUID().toString().replace("-", "");
    p.addValue("id", id).addValue("key", key);
    int inserted =
        jdbc.update(
            """
            INSERT INTO failure (id, org_id, kind, subject_id, code, message, attempts, payload,
              first_failed_at, last_failed_at, open_key)
            VALUES (:id, :org, :kind, :subject, :code, :msg, :attempts, :eventId, :now, :now, :key)
            ON CONFLICT DO NOTHING""",
            p);
    return inserted == 1 ? id : null;
  }

  /** Open failures of an org, newest first. */
  public List<Failure> open(String orgId) {
    return jdbc.query(
        """
        SELECT * FROM failure WHERE org_id = :org AND resolved_at IS NULL
        ORDER BY last_failed_at DESC, id""",
        new MapSqlParameterSource("org", orgId),
        ROW);
  }

  public int countOpen(String orgId) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM failure WHERE org_id = :org AND resolved_at IS NULL",
            new MapSqlParameterSource("org", orgId),
            Integer.class);
    return n == null ? 0 : n;
  }

  /** The inbox event id of an org's open failure, for replay. */
  public Optional<String> openEventId(String orgId, String id) {
    return jdbc
        .queryForList(
            """
        SELECT payload FROM failure WHERE org_id = :org AND id = :id AND resolved_at IS NULL""",
            new MapSqlParameterSource("org", orgId).addValue("id", id),
            String.class)
        .stream()
        .findFirst();
  }

  /**
   * Marks an org's open failure resolved (replayed); false when it is not the org's or not open.
   */
  public boolean resolve(String orgId, String id) {
    return jdbc.update(
            """
        UPDATE failure SET resolved_at = :now, open_key = NULL
          WHERE org_id = :org AND id = :id AND resolved_at IS NULL""",
            new MapSqlParameterSource("org", orgId)
                .addValue("id", id)
                .addValue("now", OffsetDateTime.now(ZoneOffset.UTC)))
        > 0;
  }

  /** Removes an org's failures (disconnect). */
  public void deleteAll(String orgId) {
    jdbc.update("DELETE FROM failure WHERE org_id = :org", new MapSqlParameterSource("org", orgId));
  }
}
