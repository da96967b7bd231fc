package io.fynedesk.connector.inbox;

import io.fynedesk.connector.support.CachedValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges of the durable inbox read from the database, so every replica reports the shared figures:
 * {@code connector.inbox.depth} by status (pending, processing, waiting = parked until a reconnect)
 * and {@code connector.inbox.oldest.pending.age} (seconds the oldest pending event has waited). One
 * query per {@code connector.metrics.gauge-cache} (5 s), however often Prometheus scrapes.
 */
@Component
class InboxGauges {

  private static final String[] STATUSES = {"pending", "processing", "waiting"};

  record Figures(Map<String, Long> depth, Instant oldestPending) {}

  InboxGauges(
      JdbcTemplate jdbc,
      MeterRegistry registry,
      @Value("${connector.metrics.gauge-cache:5s}") Duration ttl) {
    CachedValue<Figures> figures =
        new CachedValue<>(ttl, new Figures(Map.of(), null), () -> load(jdbc));
    for (String status : STATUSES) {
      Gauge.builder("connector.inbox.depth", figures, f -> f.get().depth().getOrDefault(status, 0L))
          .description("Inbox events by status (waiting = parked until the org reconnects)")
          .tag("status", status)
          .register(registry);
    }
    Gauge.builder("connector.inbox.oldest.pending.age", figures, f -> age(f.get().oldestPending()))
        .description("How long the oldest pending inbox event has waited (0 when none)")
        .baseUnit("seconds")
        .register(registry);
  }

  private static Figures load(JdbcTemplate jdbc) {
    Map<String, Long> depth = new HashMap<>();
    Instant[] oldest = {null};
    jdbc.query(
        """
        SELECT status, COUNT(*) AS n, MIN(received_at) AS oldest FROM inbox_event
        WHERE status IN ('pending', 'processing', 'waiting') GROUP BY status""",
        rs -> {
          depth.put(rs.getString("status"), rs.getLong("n"));
          Timestamp t = rs.getTimestamp("oldest");
          if ("pending".equals(rs.getString("status")) && t != null) {
            oldest[0] = t.toInstant();
          }
        });
    return new Figures(depth, oldest[0]);
  }

  private static double age(Instant oldest) {
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
  }
}
