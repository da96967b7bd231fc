package io.fynedesk.connector.load;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.support.Hmac;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Load of the ticket hand-off against a running sandbox ({@code src/test/load/handoff-load.sh}
 * starts one): seeds N tickets into the FyneDesk simulator, posts N signed {@code ticket.created}
 * events with a bounded number of senders, then waits until every page exists in the Notion
 * simulator.
 *
 * <p>Reports intake rate and latency percentiles, end-to-end pages/s (first post → last page
 * created), Notion requests and 429s (from the simulator's {@code /_sim/stats}, which spends no
 * budget), and the budget use: Notion requests/s while the hand-off ran ÷ the connector's budget.
 *
 * <p>Flags: {@code --env target/sandbox/sandbox.env --events 2000 --concurrency 16
 * --timeout-seconds 1200 --rps <connector budget, default NOTION_RPS of sandbox.env>}. Exit code 0
 * when every page was created, 1 otherwise. Loopback URLs only.
 */
public final class HandoffLoad {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final long STALL_MILLIS = TimeUnit.MINUTES.toMillis(3);

  private final Map<String, String> env;
  private final int events;
  private final int concurrency;
  private final long deadline;
  private final double rps;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private HandoffLoad(
      Map<String, String> env, int events, int concurrency, long deadline, double rps) {
    this.env = env;
    this.events = events;
    this.concurrency = concurrency;
    this.deadline = deadline;
    this.rps = rps;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = flags(args);
    Map<String, String> env =
        readEnv(Path.of(flags.getOrDefault("env", "target/sandbox/sandbox.env")));
    for (String key : List.of("CONNECTOR", "NOTION_SIM", "FYNEDESK_SIM")) {
      requireLoopback(key, env.get(key));
    }
    int events = Integer.parseInt(flags.getOrDefault("events", "2000"));
    int concurrency = Integer.parseInt(flags.getOrDefault("concurrency", "16"));
    long timeoutSeconds = Long.parseLong(flags.getOrDefault("timeout-seconds", "1200"));
    double rps = Double.parseDouble(flags.getOrDefault("rps", env.getOrDefault("NOTION_RPS", "3")));
    if (events < 1
        || events > 100_000
        || concurrency < 1
        || concurrency > 256
        || timeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "events 1..100000, concurrency 1..256, timeout-seconds ≥ 1");
    }
    long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(timeoutSeconds);
    boolean complete = new HandoffLoad(env, events, concurrency, deadline, rps).run();
    System.exit(complete ? 0 : 1);
  }

  private boolean run() throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    String org = env.get("ORG");
    String dataSource = env.get("DATA_SOURCE");
    System.out.printf(
        Locale.ROOT,
        "Hand-off load: %d ticket.created events, %d senders, run %s, org %s, "
            + "Notion simulator rate limit %s, connector budget %s req/s%n",
        events,
        concurrency,
        run,
        org,
        env.getOrDefault("NOTION_SIM_RATE", "?"),
        fmt(rps));

    JsonNode before = simStats();
    long rowsBefore = before.path("rows").path(dataSource).asLong(0);
    List<ObjectNode> tickets = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      tickets.add(ticket(run, i));
    }
    seed(org, tickets);

    // ---- intake: bounded senders, one latency per event ----
    long[] latencies = new long[events];
    int[] statuses = new int[events];
    AtomicInteger next = new AtomicInteger();
    AtomicLong lastAnswer = new AtomicLong();
    long startMillis = System.currentTimeMillis();
    long start = System.nanoTime();
    ExecutorService senders = Executors.newFixedThreadPool(concurrency);
    List<Future<?>> futures = new ArrayList<>();
    for (int s = 0; s < concurrency; s++) {
      futures.add(
          senders.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < events
                    && System.currentTimeMillis() < deadline) {
                  byte[] body = envelope(run, i, org, tickets.get(i));
                  HttpRequest request =
                      HttpRequest.newBuilder(URI.create(env.get("CONNECTOR") + "/api/v1/events"))
                          .timeout(REQUEST_TIMEOUT)
                          .header("Content-Type", "application/json")
                          .header("X-FyneDesk-Signature", Hmac.sign(env.get("EVENTS_SECRET"), body))
                          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                          .build();
                  long t0 = System.nanoTime();
                  int status;
                  try {
                    status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                  } catch (IOException e) {
                    status = 0;
                  }
                  long t1 = System.nanoTime();
                  latencies[i] = t1 - t0;
                  statuses[i] = status;
                  lastAnswer.accumulateAndGet(t1, Math::max);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }
    senders.shutdown();
    int sent = Math.min(next.get(), events);
    long accepted = Arrays.stream(statuses, 0, sent).filter(s -> s == 202).count();
    double intakeSeconds = (lastAnswer.get() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, sent);
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "Intake: %d posted, %d accepted (202), %d other in %.2f s → %.1f events/s%n",
        sent,
        accepted,
        sent - accepted,
        intakeSeconds,
        sent / intakeSeconds);
    System.out.printf(
        Locale.ROOT,
        "Intake latency: p50 %.1f ms · p95 %.1f ms · p99 %.1f ms · max %.1f ms%n",
        pct(sorted, 50),
        pct(sorted, 95),
        pct(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    if (accepted < sent) {
      Map<Integer, Integer> byStatus = new HashMap<>();
      Arrays.stream(statuses, 0, sent).forEach(s -> byStatus.merge(s, 1, Integer::sum));
      System.out.println("Intake statuses: " + byStatus);
    }

    // ---- hand-off: wait for every page (simulator rows) and an empty inbox ----
    long target = rowsBefore + accepted;
    JsonNode[] last = {before, JSON.createObjectNode()}; // stats, health
    long[] progress = {-1, System.currentTimeMillis(), 0}; // last rows, last progress, last print
    try {
      await()
          .atMost(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> handedOff(last, progress, target, rowsBefore, accepted, before, startMillis));
    } catch (ConditionTimeoutException e) {
      System.out.println("Stopped waiting: the overall timeout was reached");
    }
    JsonNode stats = last[0];
    JsonNode health = last[1];

    long pages = stats.path("rows").path(dataSource).asLong(0) - rowsBefore;
    long requests = stats.path("requests").asLong() - before.path("requests").asLong();
    long rateLimited = stats.path("rateLimited").asLong() - before.path("rateLimited").asLong();
    long lastPage = stats.path("lastPageCreatedAt").asLong();
    double e2eSeconds = (lastPage - startMillis) / 1000.0;
    long firstNotion = Math.max(startMillis, before.path("lastRequestAt").asLong() + 1);
    double notionSeconds =
        Math.max(0.001, (stats.path("lastRequestAt").asLong() - firstNotion) / 1000.0);
    double achieved = requests / notionSeconds;
    System.out.printf(
        Locale.ROOT,
        "End-to-end: %d of %d pages in %.2f s (first post → last page) → %.2f pages/s%n",
        pages,
        accepted,
        e2eSeconds,
        pages / e2eSeconds);
    System.out.printf(
        Locale.ROOT,
        "Notion: %d requests (%.2f per page), %d × 429; %.2f requests/s over %.2f s%n",
        requests,
        pages == 0 ? 0.0 : (double) requests / pages,
        rateLimited,
        achieved,
        notionSeconds);
    System.out.printf(
        Locale.ROOT,
        "Budget use: %.2f / %s req/s = %.1f %%%n",
        achieved,
        fmt(rps),
        100 * achieved / rps);
    System.out.println(
        "Notion requests by endpoint (whole sandbox life): " + stats.path("byEndpoint"));
    System.out.printf(
        Locale.ROOT,
        "Connector health: pending %d, failures %d, lastError %s%n",
        health.path("pending").asInt(),
        health.path("failures").asInt(),
        health.path("lastError"));
    return pages >= accepted && accepted == events;
  }

  private ObjectNode ticket(String run, int i) {
    String id = "load-" + run + "-" + i;
    ObjectNode t =
        JSON.createObjectNode()
            .put("id", id)
            .put("number", 500_000 + i)
            .put("subject", "Load " + run + " ticket #" + i)
            .put(
                "description",
                "Ticket " + i + " of load run " + run + ".\n\nThe printer is on fire.")
            .put("status", "new")
            .put("priority", List.of("low", "normal", "high", "urgent").get(i % 4))
            .put("category", "Hardware")
            .put("url", "https://demo.fynedesk.io/tickets/" + id)
            .put("createdAt", Instant.now().toString())
            .put("updatedAt", Instant.now().toString());
    t.putArray("tags").add(List.of("bug", "billing", "feature").get(i % 3));
    t.putObject("requester").put("name", "Ann Customer").put("email", "ann@example.com");
    t.putNull("assignee");
    return t;
  }

  private static byte[] envelope(String run, int i, String org, ObjectNode ticket) {
    ObjectNode e =
        JSON.createObjectNode()
            .put("id", "evt_load_" + run + "_" + i)
            .put("type", "ticket.created")
            .put("organizationId", org)
            .put("occurredAt", Instant.now().toString());
    e.putObject("data").set("ticket", ticket);
    try {
      return JSON.writeValueAsBytes(e);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /**
   * Stores the tickets in the FyneDesk simulator (no events), so the hand-off's link-back finds
   * them.
   */
  private void seed(String org, List<ObjectNode> tickets) throws Exception {
    for (int from = 0; from < tickets.size(); from += 500) {
      ObjectNode body = JSON.createObjectNode().put("organizationId", org);
      ArrayNode array = body.putArray("tickets");
      tickets.subList(from, Math.min(tickets.size(), from + 500)).forEach(array::add);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(env.get("FYNEDESK_SIM") + "/_sim/tickets"))
                  .timeout(REQUEST_TIMEOUT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "seeding tickets failed: " + r.statusCode() + " " + r.body());
      }
    }
  }

  private JsonNode simStats() throws Exception {
    return getJson(env.get("NOTION_SIM") + "/_sim/stats", null);
  }

  private JsonNode connectorHealth() throws Exception {
    return getJson(
            env.get("CONNECTOR") + "/api/v1/connections/notion", "Bearer " + env.get("ADMIN_JWT"))
        .path("health");
  }

  private JsonNode getJson(String url, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: --env FILE --events N --concurrency N --timeout-seconds S --rps R");
      }
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  private static void requireLoopback(String key, String url) throws IOException {
    if (url == null || !InetAddress.getByName(URI.create(url).getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException(key + " must be a loopback URL, not " + url);
    }
  }

  /** One poll of the hand-off's progress; true when every page exists or progress stalled. */
  private boolean handedOff(
      JsonNode[] last,
      long[] progress,
      long target,
      long rowsBefore,
      long accepted,
      JsonNode before,
      long startMillis)
      throws Exception {
    JsonNode stats = simStats();
    last[0] = stats;
    JsonNode health = connectorHealth();
    last[1] = health;
    long rows = stats.path("rows").path(env.get("DATA_SOURCE")).asLong(0);
    int pending = health.path("pending").asInt(-1);
    if (rows >= target && pending == 0) {
      return true;
    }
    if (rows != progress[0]) {
      progress[0] = rows;
      progress[1] = System.currentTimeMillis();
    } else if (pending == 0 || System.currentTimeMillis() - progress[1] > STALL_MILLIS) {
      System.out.printf(
          Locale.ROOT,
          "Stopped waiting: %d of %d pages, %d pending, %d failures%n",
          rows - rowsBefore,
          accepted,
          pending,
          health.path("failures").asInt());
      return true;
    }
    if (System.currentTimeMillis() - progress[2] >= 30_000) {
      progress[2] = System.currentTimeMillis();
      System.out.printf(
          Locale.ROOT,
          "  … %d/%d pages, %d pending, %d Notion requests, %d × 429 after %.0f s%n",
          rows - rowsBefore,
          accepted,
          pending,
          stats.path("requests").asLong() - before.path("requests").asLong(),
          stats.path("rateLimited").asLong() - before.path("rateLimited").asLong(),
          (System.currentTimeMillis() - startMillis) / 1000.0);
    }
    return false;
  }
}
