package io.fynedesk.connector.webhooks;

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
 * Meters of Notion's webhooks: deliveries at the door by outcome ({@code
 * connector.webhooks.deliveries}: {@code signed} = verified and stored, {@code duplicate}, {@code
 * forged} = bad or missing signature, {@code handshake}, {@code malformed}, {@code too_large}) and
 * the sync lag from Notion's event time to the routed outcome ({@code connector.sync.lag}, feature
 * {@code notion-webhooks}).
 */
@Component
class WebhookMetrics {

  static final String SIGNED = "signed";
  static final String DUPLICATE = "duplicate";
  static final String FORGED = "forged";
  static final String HANDSHAKE = "handshake";

  private final MeterRegistry registry;
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
  private final Timer lag;

  WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String outcome : new String[] {SIGNED, DUPLICATE, FORGED}) {
      counter(outcome);
    }
    this.lag =
        Timer.builder("connector.sync.lag")
            .description("Time from an event's occurrence to the end of its sync, by feature")
            .tag("feature", "notion-webhooks")
            .register(registry);
  }

  /** One delivery reached {@code POST /webhooks/notion} with this outcome. */
  void delivery(String outcome) {
    counter(outcome).increment();
  }

  /** The outcome of one routed event is recorded; {@code at} is Notion's event time. */
  void routed(OffsetDateTime at) {
    if (at != null) {
      Duration d = Duration.between(at, OffsetDateTime.now(ZoneOffset.UTC));
      lag.record(d.isNegative() ? Duration.ZERO : d);
    }
  }

  /** The outcome word of a refused delivery's problem code. */
  static String refused(String code) {
    return switch (code) {
      case "invalid_signature" -> FORGED;
      case "payload_too_large" -> "too_large";
      default -> code;
    };
  }

  private Counter counter(String outcome) {
    return deliveries.computeIfAbsent(
        outcome,
        o ->
            Counter.builder("connector.webhooks.deliveries")
                .description("Notion webhook deliveries by outcome")
                .tag("outcome", o)
                .register(registry));
  }
}
