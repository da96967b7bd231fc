package io.fynedesk.connector.load;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.ConnectorApplication;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.simulator.notion.WebhookDelivery;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Status-sync latency after the webhook, debounce included: the connector (test profile, H2 in
 * memory) and both simulators in this JVM, over real HTTP. N tickets are handed off to Notion
 * pages; then, one edit every {@code --spacing-ms}, a person sets a page's Status to Done; latency
 * is from the simulator's webhook delivery of that edit (answered 200) to the moment the FyneDesk
 * simulator holds the ticket as {@code solved} (watched every 5 ms). Same-run baseline: the work
 * status sync cannot avoid (Notion GET page, FyneDesk GET and PATCH ticket), timed from this JVM.
 *
 * <p>{@code --tickets N} (60), {@code --spacing-ms MS} (700), {@code --debounce D} (1s), {@code
 * --budget RPS} (3: the connector's budget and the simulator's limit per token).
 */
public final class StatusSyncLatency {

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    int n = Integer.parseInt(opt.getOrDefault("tickets", "60"));
    long spacing = Long.parseLong(opt.getOrDefault("spacing-ms", "700"));
    String debounce = opt.getOrDefault("debounce", "1s");
    double budget = Double.parseDouble(opt.getOrDefault("budget", "3"));
    NotionSimulator notion = NotionSimulator.start().rateLimit(budget, (int) Math.ceil(budget * 3));
    FyneDeskSimulator fynedesk = FyneDeskSimulator.start();
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ConnectorApplication.class)
            .profiles("test")
            .run(
                "--spring.config.location=classpath:/",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--notion.api.base-url=" + notion.baseUrl(),
                "--notion.rate-limit.requests-per-second=" + budget,
                "--fynedesk.api.base-url=" + fynedesk.baseUrl(),
                "--fynedesk.api.token=" + FyneDeskSimulator.DEFAULT_TOKEN,
                "--connector.webhooks.debounce=" + debounce);
    try {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      run(base, notion, fynedesk, app.getBean(JdbcTemplate.class), n, spacing, debounce);
    } finally {
      app.close();
      notion.close();
      fynedesk.close();
    }
  }

  static void run(
      String base,
      NotionSimulator notion,
      FyneDeskSimulator fynedesk,
      JdbcTemplate db,
      int n,
      long spacing,
      String d)
      throws Exception {
    Http http = new Http(base);
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    NotionWorld world = new NotionWorld(notion);
    String org = "org_latency";
    check(
        http.json(
            "PUT",
            "/api/v1/connections/notion/token",
            TestJwt.admin(org),
            "{\"token\":\"" + world.token + "\"}"));
    check(
        http.json(
            "PATCH",
            "/api/v1/connections/notion/settings",
            TestJwt.admin(org),
            """
        {"enabled": true, "ticketHandoff": {"enabled": true, "dataSourceId": "%s",
          "propertyMap": {"status": "Status"}},
         "statusSync": {"enabled": true, "map": {"Done": "solved"}}}"""
                .formatted(world.dataSourceId)));
    String hook = base + "/webhooks/notion";
    notion.subscribe(hook, notion.sendHandshake(hook));
    List<String> tickets = new ArrayList<>();
    TicketEvents events = new TicketEvents(http);
    for (int i = 0; i < n; i++) {
      String id = "T-L" + i;
      String json = TicketEvents.ticketJson(id, "Latency " + i, "normal", "open");
      fynedesk.addTicket(org, mapper.readValue(json, Ticket.class));
      events.post("ticket.created", org, json);
      tickets.add(id);
    }
    System.out.println("== Handing off " + n + " tickets");
    await()
        .atMost(Duration.ofSeconds(600))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> notion.rows(world.dataSourceId).size() >= n);
    Map<String, String> pageOf = new ConcurrentHashMap<>();
    for (String page : notion.rows(world.dataSourceId)) {
      String title = notion.page(page).at("/properties/Name/title/0/plain_text").asText();
      pageOf.put("T-L" + title.substring("Latency ".length()), page);
    }
    // The page.created webhooks of the hand-off are delivered and worked off before measuring.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                notion.webhookDeliveries().stream()
                            .filter(w -> "page.created".equals(w.type()) && w.status() == 200)
                            .count()
                        >= n
                    && db.queryForObject(
                            "SELECT COUNT(*) FROM notion_webhook_event"
                                + " WHERE status IN ('received', 'processing')",
                            Long.class)
                        == 0);

    Map<String, Instant> solvedAt = new ConcurrentHashMap<>();
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    // The watcher looks every 5 ms; the edits go out at a fixed rate, one every `spacing` ms.
    clock.scheduleWithFixedDelay(
        () -> watch(fynedesk, org, tickets, solvedAt), 0, 5, TimeUnit.MILLISECONDS);
    System.out.println(
        "== " + n + " person edits, one every " + spacing + " ms (debounce " + d + ")");
    paced(clock, spacing, tickets, t -> notion.editPageProperty(pageOf.get(t), "Status", "Done"));
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> solvedAt.size() >= n);
    } catch (ConditionTimeoutException e) {
      // Reported as missing in the summary (n of N measured), as before.
    }
    clock.shutdownNow();
    List<Double> latencies = new ArrayList<>();
    for (String t : tickets) {
      Instant delivered = delivery(notion, pageOf.get(t));
      if (delivered != null && solvedAt.containsKey(t)) {
        latencies.add(Duration.between(delivered, solvedAt.get(t)).toNanos() / 1e6);
      }
    }
    System.out.println(summary("status sync after the webhook (debounce " + d + ")", latencies, n));
    List<Double> baseline = baseline(notion, fynedesk, world, org, pageOf, tickets);
    System.out.println(summary("baseline GET page + GET/PATCH ticket", baseline, n));
    System.out.printf(
        "ratio: p95 latency / (debounce + baseline p95) = %.2f%n",
        pct(latencies, 95) / (DurationStyle.detectAndParse(d).toMillis() + pct(baseline, 95)));
  }

  /** One look at every ticket not yet seen solved. */
  static void watch(
      FyneDeskSimulator fynedesk, String org, List<String> tickets, Map<String, Instant> out) {
    for (String t : tickets) {
      if (!out.containsKey(t)
          && "solved".equals(fynedesk.ticket(org, t).map(Ticket::status).orElse(null))) {
        out.put(t, Instant.now());
      }
    }
  }

  static Instant delivery(NotionSimulator notion, String page) {
    return notion.webhookDeliveries().stream()
        .filter(w -> "page.properties_updated".equals(w.type()) && w.body().contains(page))
        .filter(w -> w.status() == 200)
        .map(WebhookDelivery::at)
        .findFirst()
        .orElse(null);
  }

  static List<Double> baseline(
      NotionSimulator notion,
      FyneDeskSimulator fynedesk,
      NotionWorld world,
      String org,
      Map<String, String> pageOf,
      List<String> tickets)
      throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<Double> out = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    // One ticket's calls every 400 ms: inside the simulator's rate limit.
    paced(
        clock,
        400,
        tickets,
        t -> {
          long start = System.nanoTime();
          send(
              client,
              HttpRequest.newBuilder(URI.create(notion.baseUrl() + "/v1/pages/" + pageOf.get(t)))
                  .header("Authorization", "Bearer " + world.token)
                  .header("Notion-Version", "2025-09-03")
                  .GET());
          URI ticket = URI.create(fynedesk.baseUrl() + "/api/v1/tickets/" + t);
          send(client, fd(HttpRequest.newBuilder(ticket), org).GET());
          send(
              client,
              fd(HttpRequest.newBuilder(ticket), org)
                  .header("Content-Type", "application/json")
                  .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"solved\"}")));
          out.add((System.nanoTime() - start) / 1e6);
        });
    clock.shutdownNow();
    return out;
  }

  /** A step that may fail: an edit or a baseline round. */
  interface Step {
    void run(String ticket) throws Exception;
  }

  /**
   * Runs {@code step} for each ticket in order, one every {@code periodMs} at a fixed rate, and
   * returns when the last one is done; the first failure ends the run and is thrown.
   */
  static void paced(ScheduledExecutorService clock, long periodMs, List<String> tickets, Step step)
      throws Exception {
    Iterator<String> next = tickets.iterator();
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledFuture<?> pacing =
        clock.scheduleAtFixedRate(
            () -> {
              if (!next.hasNext()) {
                done.complete(null);
                return;
              }
              try {
                step.run(next.next());
              } catch (Exception | AssertionError e) {
                done.completeExceptionally(e);
              }
            },
            0,
            periodMs,
            TimeUnit.MILLISECONDS);
    try {
      done.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
    } finally {
      pacing.cancel(false);
    }
  }

  static HttpRequest.Builder fd(HttpRequest.Builder b, String org) {
    return b.header("Authorization", "Bearer " + FyneDeskSimulator.DEFAULT_TOKEN)
        .header("X-FyneDesk-Organization", org)
        .header("X-FyneDesk-Origin", "load-baseline");
  }

  static void send(HttpClient client, HttpRequest.Builder b) throws Exception {
    int status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status / 100 != 2) {
      throw new IllegalStateException("baseline call answered " + status);
    }
  }

  static String summary(String what, List<Double> ms, int expected) {
    return String.format(
        "%s: %d of %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
        what, ms.size(), expected, pct(ms, 50), pct(ms, 95), pct(ms, 99), pct(ms, 100));
  }

  static double pct(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
    return s.get(Math.max(0, Math.min(s.size() - 1, i)));
  }

  static void check(Http.Answer a) {
    if (a.status() != 200) {
      throw new IllegalStateException(a.status() + " " + a.body());
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return out;
  }
}
