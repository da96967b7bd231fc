package io.fynedesk.connector.notion;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The Notion budget shared by every replica on one PostgreSQL database: each connection's token
 * bucket is a row of {@code notion_budget_bucket} (Bucket4j's select-for-update proxy manager) and
 * its Retry-After gate a row of {@code notion_budget_gate}, so N replicas together send no more
 * than one connection's budget, and a 429 seen by one pauses all of them for that connection.
 *
 * <p>The gate is timed by the database clock; each replica re-reads it at most every {@value
 * #GATE_REFRESH_MS} ms per connection (a 429 answered to another replica reaches this one within
 * that time). Bucket refills follow each replica's own clock, which NTP keeps within milliseconds.
 */
final class SharedNotionBudget {

  static final long GATE_REFRESH_MS = 200;
  // A bulk caller polls a shared bucket less often: each poll is a database transaction.
  private static final long BULK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private SharedNotionBudget() {}

  /** A budget whose buckets and gates live in this PostgreSQL database. */
  static NotionRateBudget create(DataSource dataSource, double requestsPerSecond) {
    ProxyManager<String> buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("notion_budget_bucket")
            .idColumn("id")
            .stateColumn("state")
            .build();
    return new NotionRateBudget(
        requestsPerSecond,
        (key, configuration) -> buckets.builder().build(key, () -> configuration),
        new DatabaseGate(new NamedParameterJdbcTemplate(dataSource)),
        BULK_POLL_NANOS);
  }

  /** The Retry-After gate in {@code notion_budget_gate}, read through a short local cache. */
  static final class DatabaseGate implements NotionRateBudget.Gate {

    private record Seen(long readAtNanos, long untilNanos) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    DatabaseGate(NamedParameterJdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Override
    public void blockFor(String connectionKey, Duration duration) {
      // Never shortens a gate another replica set for longer.
      jdbc.update(
          """
          INSERT INTO notion_budget_gate (connection_key, blocked_until)
          VALUES (:key, clock_timestamp() + make_interval(secs => :seconds))
          ON CONFLICT (connection_key) DO UPDATE
          SET blocked_until = GREATEST(notion_budget_gate.blocked_until, EXCLUDED.blocked_until)""",
          new MapSqlParameterSource("key", connectionKey)
              .addValue("seconds", duration.toMillis() / 1000.0));
      seen.remove(connectionKey);
    }

    @Override
    public long nanosBlocked(String connectionKey) {
      long now = System.nanoTime();
      Seen s = seen.get(connectionKey);
      if (s == null || now - s.readAtNanos > TimeUnit.MILLISECONDS.toNanos(GATE_REFRESH_MS)) {
        s = new Seen(now, now + read(connectionKey));
        seen.put(connectionKey, s);
      }
      return s.untilNanos - now;
    }

    private long read(String connectionKey) {
      List<Double> millis =
          jdbc.queryForList(
              """
              SELECT EXTRACT(EPOCH FROM (blocked_until - clock_timestamp())) * 1000
              FROM notion_budget_gate WHERE connection_key = :key""",
              new MapSqlParameterSource("key", connectionKey),
              Double.class);
      return millis.isEmpty() || millis.get(0) == null || millis.get(0) <= 0
          ? 0
          : TimeUnit.MICROSECONDS.toNanos((long) (millis.get(0) * 1000));
    }
  }
}
