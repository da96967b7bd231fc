package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import io.fynedesk.connector.support.Hmac;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed FyneDesk events to the connector off the request thread, retrying failed deliveries.
 */
final class EventEmitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventEmitter.class);
  private static final int MAX_ATTEMPTS = 4;
  private static final long FIRST_BACKOFF_MILLIS = 100;

  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService executor =
      Executors.newScheduledThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "fynedesk-sim-events");
            thread.setDaemon(true);
            return thread;
          });
  private final List<ObjectNode> emitted = new CopyOnWriteArrayList<>();
  private final List<EventDelivery> deliveries = new CopyOnWriteArrayList<>();
  private volatile URI target;
  private volatile String secret;

  EventEmitter(ObjectMapper json) {
    this.json = json;
  }

  void target(URI eventsUrl, String eventsSecret) {
    if (eventsUrl != null && (eventsSecret == null || eventsSecret.isEmpty())) {
      throw new IllegalArgumentException("an events URL needs the events secret to sign with");
    }
    this.target = eventsUrl;
    this.secret = eventsSecret;
  }

  /** Builds, records and (when a target is set) schedules delivery of an event; returns its id. */
  String emit(String org, String type, JsonNode data, String origin) {
    ObjectNode envelope =
        json.createObjectNode()
            .put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
            .put("type", type)
            .put("organizationId", org)
            .put("occurredAt", Instant.now().toString());
    envelope.set("data", data);
    if (origin != null) {
      envelope.put("origin", origin);
    }
    emitted.add(envelope);
    URI currentTarget = target;
    if (currentTarget == null) {
      LOG.debug("No events URL configured; {} {} recorded only", type, envelope.get("id").asText());
      return envelope.get("id").asText();
    }
    byte[] body = bytes(envelope);
    executor.execute(() -> attempt(currentTarget, envelope, body, 1));
    return envelope.get("id").asText();
  }

  private void attempt(URI to, ObjectNode envelope, byte[] body, int attempt) {
    String id = envelope.get("id").asText();
    String type = envelope.get("type").asText();
    int status = post(to, body);
    deliveries.add(new EventDelivery(id, type, attempt, status));
    if (status / 100 == 2) {
      return;
    }
    boolean retryable =
        status == EventDelivery.NO_RESPONSE || status >= 500 || status == 429 || status == 408;
    if (retryable && attempt < MAX_ATTEMPTS && !executor.isShutdown()) {
      long backoff = FIRST_BACKOFF_MILLIS << (attempt - 1);
      LOG.warn(
          "Event {} ({}) attempt {} got {}; retrying in {} ms", id, type, attempt, status, backoff);
      executor.schedule(
          () -> attempt(to, envelope, body, attempt + 1), backoff, TimeUnit.MILLISECONDS);
    } else {
      LOG.error(
          "Event {} ({}) not delivered after {} attempts; last status {}",
          id,
          type,
          attempt,
          status);
    }
  }

  private int post(URI to, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(to)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(FyneDeskHeaders.SIGNATURE, Hmac.sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      LOG.debug("Event delivery to {} failed: {}", to, e.toString());
      return EventDelivery.NO_RESPONSE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EventDelivery.NO_RESPONSE;
    }
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  List<ObjectNode> emitted() {
    return List.copyOf(emitted);
  }

  List<EventDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  void clear() {
    emitted.clear();
    deliveries.clear();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
