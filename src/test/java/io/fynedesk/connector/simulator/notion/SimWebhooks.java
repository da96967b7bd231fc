package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.support.Hmac;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Notion's webhook delivery: events aggregated per type and entity over a window, signed with the
 * subscription's verification token, retried with a growing {@code attempt_number} (up to 8),
 * always on its own threads (notion-api.md §5).
 */
final class SimWebhooks implements Consumer<SimEvent> {

  static final int MAX_ATTEMPTS = 8;

  private record Subscription(
      String id, String url, String verificationToken, String apiVersion, String integrationId) {}

  private static final class Pending {
    final SimEvent first;
    final Instant at;
    final String eventId = UUID.randomUUID().toString();
    final Set<List<String>> authors = new LinkedHashSet<>();
    final Set<String> properties = new LinkedHashSet<>();
    final Set<String> blocks = new LinkedHashSet<>();

    Pending(SimEvent first, Instant at) {
      this.first = first;
      this.at = at;
    }

    void merge(SimEvent e) {
      authors.add(List.of(e.authorId(), e.authorType()));
      properties.addAll(e.updatedProperties());
      blocks.addAll(e.updatedBlocks());
    }
  }

  private final ObjectMapper mapper;
  private final Clock clock;
  private final Function<String, String> workspaceName;
  private final ScheduledExecutorService executor =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "notion-sim-webhooks");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private volatile Duration window = Duration.ofSeconds(1);
  private volatile Duration retryDelay = Duration.ofMillis(200);
  private volatile boolean drop;
  final SimDeliveryFaults faults = new SimDeliveryFaults();

  SimWebhooks(ObjectMapper mapper, Clock clock, Function<String, String> workspaceName) {
    this.mapper = mapper;
    this.clock = clock;
    this.workspaceName = workspaceName;
  }

  void configure(Duration window, Duration retryDelay) {
    this.window = window;
    this.retryDelay = retryDelay;
  }

  void drop(boolean drop) {
    this.drop = drop;
  }

  String subscribe(String url, String verificationToken, String apiVersion) {
    Subscription s =
        new Subscription(
            UUID.randomUUID().toString(),
            url,
            verificationToken,
            apiVersion,
            UUID.randomUUID().toString());
    subscriptions.add(s);
    return s.id();
  }

  void unsubscribeAll() {
    subscriptions.clear();
  }

  List<WebhookDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  void clearDeliveries() {
    deliveries.clear();
  }

  @Override
  public void accept(SimEvent event) {
    if (subscriptions.isEmpty()) {
      return;
    }
    String key = event.type() + "|" + event.entityId();
    synchronized (pending) {
      Pending p = pending.get(key);
      if (p == null) {
        p = new Pending(event, clock.instant());
        pending.put(key, p);
        executor.schedule(() -> flush(key), window.toMillis(), TimeUnit.MILLISECONDS);
      }
      p.merge(event);
    }
  }

  /** Posts the handshake {@code {"verification_token":"secret_…"}}, unsigned; returns the token. */
  String sendHandshake(String url) {
    String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
    byte[] body =
        mapper
            .createObjectNode()
            .put("verification_token", token)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    int status = post(url, body, null);
    deliveries.add(
        new WebhookDelivery(
            null,
            url,
            null,
            "handshake",
            1,
            status,
            new String(body, StandardCharsets.UTF_8),
            null,
            clock.instant()));
    return token;
  }

  private void flush(String key) {
    Pending p;
    synchronized (pending) {
      p = pending.remove(key);
    }
    if (p == null || drop || faults.dropThis(p.first.type())) {
      return;
    }
    Runnable delivery =
        () -> {
          for (Subscription s : subscriptions) {
            deliver(s, p, 1);
          }
        };
    if (!faults.held(p.first.type(), delivery)) {
      delivery.run();
    }
  }

  /** Delivers the held events newest first, one after the other. */
  void releaseNewestFirst() {
    List<Runnable> held = faults.releaseNewestFirst();
    executor.execute(() -> held.forEach(Runnable::run));
  }

  private void deliver(Subscription s, Pending p, int attempt) {
    byte[] body = payload(s, p, attempt);
    String signature = Hmac.sign(s.verificationToken(), body);
    int status = post(s.url(), body, signature);
    deliveries.add(
        new WebhookDelivery(
            s.id(),
            s.url(),
            p.eventId,
            p.first.type(),
            attempt,
            status,
            new String(body, StandardCharsets.UTF_8),
            signature,
            clock.instant()));
    if (status / 100 == 2 && faults.repeatAfter(attempt)) {
      executor.execute(() -> deliver(s, p, attempt + 1));
    } else if (status / 100 != 2 && attempt < MAX_ATTEMPTS && !drop) {
      long delay = retryDelay.toMillis() << Math.min(attempt - 1, 10);
      executor.schedule(() -> deliver(s, p, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }
  }

  private byte[] payload(Subscription s, Pending p, int attempt) {
    SimEvent e = p.first;
    ObjectNode out =
        mapper
            .createObjectNode()
            .put("id", p.eventId)
            .put("timestamp", p.at.toString())
            .put("workspace_id", e.workspaceId())
            .put("workspace_name", workspaceName.apply(e.workspaceId()))
            .put("subscription_id", s.id())
            .put("integration_id", s.integrationId())
            .put("type", e.type());
    ArrayNode authors = out.putArray("authors");
    p.authors.forEach(a -> authors.addObject().put("id", a.get(0)).put("type", a.get(1)));
    out.put("attempt_number", attempt).put("api_version", s.apiVersion());
    out.putObject("entity").put("id", e.entityId()).put("type", e.entityType());
    ObjectNode data = out.putObject("data");
    data.set("parent", e.parent());
    if (e.type().equals("page.properties_updated")) {
      ArrayNode props = data.putArray("updated_properties");
      p.properties.forEach(props::add);
    }
    if (e.type().equals("page.content_updated")) {
      ArrayNode blocks = data.putArray("updated_blocks");
      new ArrayList<>(p.blocks).forEach(b -> blocks.addObject().put("id", b).put("type", "block"));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private int post(String url, byte[] body, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("User-Agent", "notion-api")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Notion-Signature", signature);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  void close() {
    executor.shutdownNow();
  }
}
