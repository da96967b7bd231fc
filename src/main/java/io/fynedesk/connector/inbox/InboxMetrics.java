package io.fynedesk.connector.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Meters of the FyneDesk event path: events in by type and outcome at the door ({@code
 * connector.events.received}), events finished by the workers ({@code connector.events.processed})
 * and the sync lag of each feature from the event's occurrence to its outcome ({@code
 * connector.sync.lag}). Types outside CONTRACT §1 count as {@code other}, so the label set stays
 * bounded whatever a sender posts.
 */
@Component
public class InboxMetrics {

  /** Type label of a refused event whose type could not be read. */
  static final String UNKNOWN_TYPE = "unknown";

  private final MeterRegistry registry;
  private final Map<String, Counter> received = new ConcurrentHashMap<>();
  private final Map<String, Counter> processed = new ConcurrentHashMap<>();
  private final Map<String, Timer> lag = new ConcurrentHashMap<>();

  InboxMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Registered at zero, so dashboards and alerts see the series before the first event.
    received(EventTypes.TICKET_CREATED, "accepted");
    syncLagTimer("tickets");
  }

  /** An event reached the door: {@code accepted}, {@code duplicate} or a problem code. */
  public void received(String type, String outcome) {
    String t = label(type);
    received
        .computeIfAbsent(
            t + '|' + outcome,
            k ->
                Counter.builder("connector.events.received")
                    .description("FyneDesk events posted to the intake, by type and outcome")
                    .tag("type", t)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
  }

  /**
   * A worker finished an event: {@code done}, {@code ignored}, {@code parked} or {@code failed}.
   */
  void processed(String type, String outcome, OffsetDateTime occurredAt) {
    String t = label(type);
    processed
        .computeIfAbsent(
            t + '|' + outcome,
            k ->
                Counter.builder("connector.events.processed")
                    .description(
                        "FyneDesk events finished by the inbox (by a worker, or ignored at the door), by type and outcome")
                    .tag("type", t)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
    if (occurredAt != null && !"parked".equals(outcome)) {
      Duration d = Duration.between(occurredAt, OffsetDateTime.now(ZoneOffset.UTC));
      syncLagTimer(feature(t)).record(d.isNegative() ? Duration.ZERO : d);
    }
  }

  private Timer syncLagTimer(String feature) {
    return lag.computeIfAbsent(
        feature,
        f ->
            Timer.builder("connector.sync.lag")
                .description("Time from an event's occurrence to the end of its sync, by feature")
                .tag("feature", f)
                .register(registry));
  }

  private static String feature(String type) {
    return type.startsWith("ticket.") ? "tickets" : type.startsWith("article.") ? "kb" : "other";
  }

  private static String label(String type) {
    if (type == null) {
      return UNKNOWN_TYPE;
    }
    return EventTypes.KNOWN.contains(type) ? type : "other";
  }
}
