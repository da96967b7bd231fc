package io.fynedesk.connector.loopguard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
