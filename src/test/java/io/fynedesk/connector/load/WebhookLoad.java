package io.fynedesk.connector.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.support.Hmac;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Load of {@code POST /webhooks/notion} against a running sandbox ({@code
 * src/test/load/webhook-load.sh} starts one): takes the webhook signing key (capturing one by
 * handshake when there is none), posts N signed deliveries with C keep-alive senders, then sends as
 * many bare {@code GET /actuator/health/liveness} from the same senders as a baseline, and prints
 * rate and latency percentiles of both and their ratio. Exit code 0 when every delivery got 200.
 * Loopback only.
 */
public final class WebhookLoad {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String connector;
  private final String operatorAuth;

  private WebhookLoad(Map<String, String> env) {
    this.connector = env.get("CONNECTOR");
    this.operatorAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("operator:" + env.get("OPERATOR_PASSWORD")).getBytes(StandardCharsets.UTF_8));
    URI uri = URI.create(connector);
    if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
      throw new IllegalArgumentException("loopback only: " + connector);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      flags.put(args[i], args[i + 1]);
    }
    Map<String, String> env =
        readEnv(Path.of(flags.getOrDefault("--env", "target/sandbox/sandbox.env")));
    int n = Integer.parseInt(flags.getOrDefault("--deliveries", "5000"));
    int c = Integer.parseInt(flags.getOrDefault("--concurrency", "50"));
    WebhookLoad load = new WebhookLoad(env);
    String key = load.signingKey();
    String run = UUID.randomUUID().toString().substring(0, 8);
    // Warm-up (JIT, connection pools), not counted.
    load.measure(Math.min(n, 500), c, i -> load.delivery(key, "warm-" + run + "-" + i));
    load.measure(Math.min(n, 500), c, i -> load.liveness());
    Result hooks = load.measure(n, c, i -> load.delivery(key, "evt-" + run + "-" + i));
    Result bare = load.measure(n, c, i -> load.liveness());
    System.out.println(hooks.describe("webhook deliveries (signed, stored)"));
    System.out.println(bare.describe("bare GET /actuator/health/liveness"));
    System.out.printf(
        Locale.ROOT,
        "ratio: webhook rate / bare rate = %.2f; webhook p99 / bare p99 = %.2f%n",
        hooks.rate / bare.rate,
        hooks.p(99) / bare.p(99));
    System.exit(hooks.failures == 0 ? 0 : 1);
  }

  private String signingKey() throws IOException, InterruptedException {
    JsonNode view =
        JSON.readTree(
            send(HttpRequest.newBuilder(URI.create(connector + "/actuator/notionwebhook"))
                    .header("Authorization", operatorAuth)
                    .GET())
                .body());
    if (!view.path("verificationToken").isTextual()) {
      String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
      send(
          post(
              ("{\"verification_token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8),
              null));
      view =
          JSON.readTree(
              send(HttpRequest.newBuilder(URI.create(connector + "/actuator/notionwebhook"))
                      .header("Authorization", operatorAuth)
                      .GET())
                  .body());
    }
    return view.path("verificationToken").asText();
  }

  private HttpRequest.Builder delivery(String key, String id) {
    byte[] body =
        ("{\"id\":\""
                + id
                + "\",\"timestamp\":\"2026-12-01T10:00:00.000Z\",\"workspace_id\":\"ws-load\","
                + "\"type\":\"page.properties_updated\",\"authors\":[{\"id\":\"user-1\",\"type\":\"person\"}],"
                + "\"attempt_number\":1,\"entity\":{\"id\":\"page-"
                + id
                + "\",\"type\":\"page\"},"
                + "\"data\":{\"parent\":{\"id\":\"db-1\",\"type\":\"database\"},\"updated_properties\":[\"title\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    return post(body, Hmac.sign(key, body));
  }

  private HttpRequest.Builder liveness() {
    return HttpRequest.newBuilder(URI.create(connector + "/actuator/health/liveness")).GET();
  }

  private HttpRequest.Builder post(byte[] body, String signature) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(connector + "/webhooks/notion"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return signature == null ? b : b.header("X-Notion-Signature", signature);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Result measure(int n, int concurrency, IntFunction<HttpRequest.Builder> requests)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long[] micros = new long[n];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  long t = System.nanoTime();
                  try {
                    if (send(requests.apply(i)).statusCode() != 200) {
                      failures.incrementAndGet();
                    }
                  } catch (IOException e) {
                    failures.incrementAndGet();
                  }
                  micros[i] = (System.nanoTime() - t) / 1000;
                }
                return null;
              }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(micros);
    return new Result(n, failures.get(), n / seconds, micros);
  }

  private record Result(int n, int failures, double rate, long[] sortedMicros) {
    double p(int percentile) {
      int i = (int) Math.ceil(percentile / 100.0 * n) - 1;
      return sortedMicros[Math.max(0, Math.min(n - 1, i))] / 1000.0;
    }

    String describe(String what) {
      return String.format(
          Locale.ROOT,
          "%s: %d requests, %d not 200, %.1f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
          what,
          n,
          failures,
          rate,
          p(50),
          p(95),
          p(99));
    }
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        env.put(
            line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^'|'$", ""));
      }
    }
    return env;
  }
}
