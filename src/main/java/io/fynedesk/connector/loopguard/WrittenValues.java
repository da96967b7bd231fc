package io.fynedesk.connector.loopguard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The written-values ledger (loop guard): what the connector last wrote where. When a change comes
 * back from a side carrying exactly a value the connector wrote there, it is the connector's own
 * echo.
 */
@Repository
public class WrittenValues {

  /** The Notion side. */
  public static final String NOTION = "notion";

  /** The FyneDesk side. */
  public static final String FYNEDESK = "fynedesk";

  /** The field of a ticket under which a status write waits for its echo. */
  static final String STATUS_ECHO = "status:echo";

  private final NamedParameterJdbcTemplate jdbc;

  WrittenValues(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records that the connector wrote {@code value} into {@code field} of an object on a side. */
  public void record(String orgId, String target, String objectId, String field, String value) {
    MapSqlParameterSource p =
        new MapSqlParameterSource("org", orgId)
            .addValue("target", target)
            .addValue("object", objectId)
            .addValue("field", field)
            .addValue("hash", hash(value))
            .addValue("now", OffsetDateTime.now(ZoneOffset.UTC));
    int updated =
        jdbc.update(
            """
        UPDATE written_value SET value_hash = :hash, written_at = :now
        WHERE org_id = :org AND target = :target AND object_id = :object AND field = :field""",
            p);
    if (updated == 0) {
      jdbc.update(
          """
          INSERT INTO written_value (org_id, target, object_id, field, value_hash, written_at)
          VALUES (:org, :target, :object, :field, :hash, :now) ON CONFLICT DO NOTHING""",
          p);
    }
  }

  /**
   * Records {@code value} like {@link #record} and says whether it replaced another (or no) value:
   * false when it is recorded already. Atomic, so of concurrent callers with one value exactly one
   * gets true (a claim on doing the write once).
   */
  public boolean replace(String orgId, String target, String objectId, String field, String value) {
    MapSqlParameterSource p =
        new MapSqlParameterSource("org", orgId)
            .addValue("target", target)
            .addValue("object", objectId)
            .addValue("field", field)
            .addValue("hash", hash(value))
            .addValue("now", OffsetDateTime.now(ZoneOffset.UTC));
    int updated =
        jdbc.update(
            """
        UPDATE written_value SET value_hash = :hash, written_at = :now
        WHERE org_id = :org AND target = :target AND object_id = :object AND field = :field
          AND value_hash <> :hash""",
            p);
    return updated == 1
        || jdbc.update(
                """
          INSERT INTO written_value (org_id, target, object_id, field, value_hash, written_at)
          VALUES (:org, :target, :object, :field, :hash, :now) ON CONFLICT DO NOTHING""",
                p)
            == 1;
  }

  /** Forgets what was recorded for that field (e.g. after a claimed write failed). */
  public void forget(String orgId, String target, String objectId, String field) {
    jdbc.update(
        """
        DELETE FROM written_value
        WHERE org_id = :org AND target = :target AND object_id = :object AND field = :field""",
        new MapSqlParameterSource("org", orgId)
            .addValue("target", target)
            .addValue("object", objectId)
            .addValue("field", field));
  }

  /**
   * Notes, before the connector writes a FyneDesk ticket's status (or an action that changes it),
   * that the write's echo is on its way. FyneDesk events may arrive in any order: an agent's next
   * change can come before the echo, and whoever reacts to both must see them in the order they
   * happened (see {@link #echo}).
   */
  public void expectEcho(String orgId, String ticketId, String value) {
    record(orgId, FYNEDESK, ticketId, STATUS_ECHO, value);
  }

  /** The echo of the connector's ticket write came back (or the write failed): nothing waits. */
  public void echoArrived(String orgId, String ticketId) {
    forget(orgId, FYNEDESK, ticketId, STATUS_ECHO);
  }

  /** Where the echo of the connector's last status write to a ticket stands. */
  public enum Echo {
    /** Came back (or no write is recorded): what was learnt from it is in place. */
    ARRIVED,
    /** Not back yet, and the write is recent: a change to the ticket should wait for it. */
    PENDING,
    /** Not back after the wait: taken as lost, so what it would have told is unknown. */
    LOST
  }

  /**
   * Where the echo of the connector's status write to that ticket stands: {@link Echo#PENDING}
   * while the write is less than {@code within} old, {@link Echo#LOST} after that.
   */
  public Echo echo(String orgId, String ticketId, Duration within) {
    List<OffsetDateTime> at =
        jdbc.queryForList(
            """
        SELECT written_at FROM written_value
        WHERE org_id = :org AND target = :target AND object_id = :object AND field = :field""",
            new MapSqlParameterSource("org", orgId)
                .addValue("target", FYNEDESK)
                .addValue("object", ticketId)
                .addValue("field", STATUS_ECHO),
            OffsetDateTime.class);
    if (at.isEmpty()) {
      return Echo.ARRIVED;
    }
    return at.get(0).isAfter(OffsetDateTime.now(ZoneOffset.UTC).minus(within))
        ? Echo.PENDING
        : Echo.LOST;
  }

  /** Whether {@code value} in that field is exactly what the connector last wrote there. */
  public boolean isEcho(String orgId, String target, String objectId, String field, String value) {
    List<String> h =
        jdbc.queryForList(
            """
        SELECT value_hash FROM written_value
        WHERE org_id = :org AND target = :target AND object_id = :object AND field = :field""",
            new MapSqlParameterSource("org", orgId)
                .addValue("target", target)
                .addValue("object", objectId)
                .addValue("field", field),
            String.class);
    return !h.isEmpty() && h.get(0).equals(hash(value));
  }

  static String hash(String value) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
