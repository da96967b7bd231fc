package io.fynedesk.connector.failures;

import io.fynedesk.connector.support.CachedValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code connector.failures.open}: work listed in the failure list and not yet retried, across all
 * orgs, read from the database (cached {@code connector.metrics.gauge-cache}, 5 s).
 */
@Component
class FailureGauges {

  FailureGauges(
      JdbcTemplate jdbc,
      MeterRegistry registry,
      @Value("${connector.metrics.gauge-cache:5s}") Duration ttl) {
    CachedValue<Long> open =
        new CachedValue<>(
            ttl,
            0L,
            () ->
                jdbc.queryForObject(
                    "SELECT COUNT(*) FROM failure WHERE resolved_at IS NULL", Long.class));
    Gauge.builder("connector.failures.open", open, CachedValue::get)
        .description("Open entries of the failure list (replayable by the org's admin)")
        .register(registry);
  }
}
