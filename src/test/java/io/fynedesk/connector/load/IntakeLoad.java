package io.fynedesk.connector.load;

import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import io.fynedesk.connector.support.Hmac;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load of {@code POST /api/v1/events} against a running sandbox ({@code
 * src/test/load/intake-load.sh} starts one): C keep-alive senders post N signed {@code
 * ticket.created} events with distinct ids for an org that has no Notion connection, and, in the
 * same run and from the same senders, as many bare {@code GET /actuator/health/liveness}. The two
 * alternate in rounds so both see the same machine; the tool prints rate and latency percentiles of
 * both, their ratios and whether the intake meets rate ≥ 0.8 × bare and p99 ≤ 2 × bare p99. Exit
 * code 0 when every event got 202. Loopback only.
 */
public final class IntakeLoad {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String connector;
  private final String secret;
  private final String operatorAuth;

  /** The sandbox's process id, for its CPU time per request (0: not measured). */
  private long serverPid;

  /** {@code connector_inbox_depth{status="pending"|"processing"}} in the Prometheus scrape. */
  private static final Pattern DEPTH =
      Pattern.compile(
          "^connector_inbox_depth\\{[^}]*status=\"(?:pending|processing)\"[^}]*} ([0-9.Ee+-]+)$",
          Pattern.MULTILINE);

  private IntakeLoad(Map<String, String> env) {
    this.connector = env.get("CONNECTOR");
    this.secret = env.get("EVENTS_SECRET");
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
    int n = Integer.parseInt(flags.getOrDefault("--events", "4000"));
    int c = Integer.parseInt(flags.getOrDefault("--concurrency", "16"));
    int rounds = Integer.parseInt(flags.getOrDefault("--rounds", "3"));
    int warmup = Integer.parseInt(flags.getOrDefault("--warmup", "2000"));
    String label = flags.getOrDefault("--label", "");
    IntakeLoad load = new IntakeLoad(env);
    load.serverPid = Long.parseLong(flags.getOrDefault("--server-pid", "0"));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String org = "org_unconnected_" + run;
    // Warm-up (JIT, connection pools, database caches), not counted.
    load.measure(warmup, c, 202, i -> load.event(org, "warm-" + run + "-" + i));
    load.measure(warmup, c, 200, i -> load.liveness());
    int per = Math.max(1, n / rounds);
    List<Result> intake = new ArrayList<>();
    List<Result> bare = new ArrayList<>();
    // Every round starts on an idle server: the work an intake round left in the inbox is done
    // before the next round, so it is not measured against the bare rounds. The time it took after
    // the round is printed (the inbox's tail).
    double tail = load.awaitIdleInbox();
    for (int r = 0; r < rounds; r++) {
      int round = r;
      intake.add(
          load.measure(per, c, 202, i -> load.event(org, "evt-" + run + "-" + round + "-" + i)));
      tail += load.awaitIdleInbox();
      bare.add(load.measure(per, c, 200, i -> load.liveness()));
    }
    Result events = Result.merge(intake);
    Result base = Result.merge(bare);
    String prefix = label.isEmpty() ? "" : "[" + label + "] ";
    System.out.println(
        prefix + events.describe("intake POST /api/v1/events (signed, stored)", 202));
    System.out.println(prefix + base.describe("bare GET /actuator/health/liveness", 200));
    System.out.printf(
        Locale.ROOT,
        "%sinbox tail: %.1f s in all after the intake rounds until no event was pending or"
            + " processing%n",
        prefix,
        tail);
    double rateRatio = events.rate() / base.rate();
    double p99Ratio = events.p(99) / base.p(99);
    System.out.printf(
        Locale.ROOT,
        "%sratio: intake rate / bare rate = %.2f (aim >= 0.80: %s); intake p99 / bare p99 = %.2f"
            + " (aim <= 2.00: %s)%n",
        prefix,
        rateRatio,
        rateRatio >= 0.8 ? "met" : "NOT met",
        p99Ratio,
        p99Ratio <= 2.0 ? "met" : "NOT met");
    System.exit(events.failures == 0 ? 0 : 1);
  }

  private HttpRequest.Builder event(String org, String id) {
    byte[] body =
        ("{\"id\":\""
                + id
                + "\",\"type\":\"ticket.created\",\"organizationId\":\""
                + org
                + "\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"data\":{\"ticket\":{\"id\":\"T-"
                + id
                + "\",\"number\":1001,\"subject\":\"Printer on fire\",\"description\":\"It smokes."
                + " Please help.\",\"status\":\"open\",\"priority\":\"urgent\",\"tags\":[\"bug\"],"
                + "\"category\":\"Hardware\",\"requester\":{\"name\":\"Ann\",\"email\":"
                + "\"ann@example.com\"},\"assignee\":null,\"url\":"
                + "\"https://acme.fynedesk.io/tickets/1001\",\"createdAt\":\"2026-12-01T09:59:00Z\","
                + "\"updatedAt\":\"2026-12-01T10:00:00Z\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(connector + "/api/v1/events"))
        .header("Content-Type", "application/json")
        .header("X-FyneDesk-Signature", Hmac.sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /**
   * Waits until the inbox holds no pending or processing event (by the connector's own gauge, as an
   * operator would watch it); returns the seconds waited, including the last 0.3 s of idle
   * readings. Gives up after 5 minutes.
   */
  private double awaitIdleInbox() {
    long start = System.nanoTime();
    int[] idle = {0};
    // Three idle readings in a row: at least one is newer than the gauge's cache (the script starts
    // the sandbox with connector.metrics.gauge-cache=200ms).
    await()
        .alias("the inbox drains")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              idle[0] = inboxDepth() == 0 ? idle[0] + 1 : 0;
              return idle[0] == 3;
            });
    return (System.nanoTime() - start) / 1e9;
  }

  /** Pending plus processing events, by the connector's inbox gauge. */
  private double inboxDepth() throws IOException, InterruptedException {
    HttpResponse<String> scrape =
        http.send(
            HttpRequest.newBuilder(URI.create(connector + "/actuator/prometheus"))
                .header("Authorization", operatorAuth)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (scrape.statusCode() != 200) {
      throw new IllegalStateException("/actuator/prometheus answered " + scrape.statusCode());
    }
    double depth = 0;
    Matcher m = DEPTH.matcher(scrape.body());
    while (m.find()) {
      depth += Double.parseDouble(m.group(1));
    }
    return depth;
  }

  private HttpRequest.Builder liveness() {
    return HttpRequest.newBuilder(URI.create(connector + "/actuator/health/liveness")).GET();
  }

  private HttpResponse<Void> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
  }

  private Result measure(int n, int concurrency, int expected, IntFunction<HttpRequest.Builder> rq)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long[] micros = new long[n];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long serverCpu = serverCpuNanos();
    long toolCpu = toolCpuNanos();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  HttpRequest.Builder request = rq.apply(i);
                  long t = System.nanoTime();
                  try {
                    if (send(request).statusCode() != expected) {
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
    serverCpu = serverCpuNanos() - serverCpu;
    toolCpu = toolCpuNanos() - toolCpu;
    pool.shutdown();
    return new Result(n, failures.get(), seconds, micros, serverCpu, toolCpu);
  }

  /**
   * CPU time of the sandbox process so far (user + system, from /proc; clock ticks of 10 ms), or 0
   * when its pid is not known.
   */
  private long serverCpuNanos() throws IOException {
    if (serverPid <= 0) {
      return 0;
    }
    String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 and 15 of proc(5), utime and stime; here counted from field 3 (state) as 0.
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
  }

  /** CPU time of this load tool so far. */
  private static long toolCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private record Result(
      int n, int failures, double seconds, long[] micros, long serverCpu, long toolCpu) {
    double rate() {
      return n / seconds;
    }

    static Result merge(List<Result> parts) {
      int n = parts.stream().mapToInt(Result::n).sum();
      long[] all = new long[n];
      int at = 0;
      for (Result r : parts) {
        System.arraycopy(r.micros, 0, all, at, r.n);
        at += r.n;
      }
      Arrays.sort(all);
      return new Result(
          n,
          parts.stream().mapToInt(Result::failures).sum(),
          parts.stream().mapToDouble(Result::seconds).sum(),
          all,
          parts.stream().mapToLong(Result::serverCpu).sum(),
          parts.stream().mapToLong(Result::toolCpu).sum());
    }

    double p(int percentile) {
      int i = (int) Math.ceil(percentile / 100.0 * n) - 1;
      return micros[Math.max(0, Math.min(n - 1, i))] / 1000.0;
    }

    String describe(String what, int expected) {
      return String.format(
          Locale.ROOT,
          "%s: %d requests, %d not %d, %.1f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%s",
          what,
          n,
          failures,
          expected,
          rate(),
          p(50),
          p(95),
          p(99),
          serverCpu == 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; CPU per request: sandbox %.2f ms, load tool %.2f ms",
                  serverCpu / 1e6 / n,
                  toolCpu / 1e6 / n));
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
