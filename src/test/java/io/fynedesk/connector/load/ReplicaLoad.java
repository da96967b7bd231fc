package io.fynedesk.connector.load;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.ChildConnector;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two connector replicas (child JVMs) on one PostgreSQL schema and in-process simulators, as {@code
 * src/test/load/replicas-load.sh} runs them:
 *
 * <ol>
 *   <li><b>spread</b>: the Notion simulator unthrottled (with {@code --latency-ms} per request, as
 *       a real Notion answers), the budget out of the way; N tickets over 8 connections through one
 *       replica (the other stopped with SIGSTOP), then N through two: pages/s of each and the split
 *       of the events between the replicas.
 *   <li><b>proof</b>: the simulator limiting the connection to the connector's budget; 60 tickets
 *       over both replicas, one killed with SIGKILL mid-run: peak requests per second at the
 *       simulator, 429s, pages per ticket (one each, none missing).
 * </ol>
 *
 * <p>Flags: {@code --pg jdbc:postgresql://127.0.0.1:5432/db --pg-user postgres --events 300
 * --latency-ms 100 --budget 3}. Exit code 0 when every check held.
 */
public final class ReplicaLoad {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  /** Connections (orgs) the spread runs spread their tickets over. */
  private static final int CONNECTIONS = 8;

  private final String pgUrl;
  private final String pgUser;
  private final String schema = "load_" + UUID.randomUUID().toString().substring(0, 8);
  private final NotionSimulator notion = NotionSimulator.start();
  private final FyneDeskSimulator fynedesk = FyneDeskSimulator.start();
  private final List<ChildConnector> replicas = new ArrayList<>();
  private boolean ok = true;

  private ReplicaLoad(String pgUrl, String pgUser) {
    this.pgUrl = pgUrl;
    this.pgUser = pgUser;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    ReplicaLoad load =
        new ReplicaLoad(
            flags.getOrDefault("pg", "jdbc:postgresql://127.0.0.1:5432/postgres"),
            flags.getOrDefault("pg-user", "postgres"));
    int events = Integer.parseInt(flags.getOrDefault("events", "300"));
    int latency = Integer.parseInt(flags.getOrDefault("latency-ms", "100"));
    int budget = Integer.parseInt(flags.getOrDefault("budget", "3"));
    int status;
    try {
      load.spread(events, latency);
      load.proof(budget);
      status = load.ok ? 0 : 1;
    } finally {
      load.close();
    }
    System.exit(status);
  }

  /** N tickets through one replica, then N through two, unthrottled: pages/s and split. */
  void spread(int events, int latencyMs) throws Exception {
    notion.rateLimitOff();
    if (latencyMs > 0) {
      notion.inject(Fault.latency(Duration.ofMillis(latencyMs)).during(Duration.ofHours(1)));
    }
    // The budget out of the way: pages/s shows what the replicas' workers can do.
    replicas.add(start("1000"));
    replicas.add(start("1000"));
    // Both JVMs warmed up alike (JIT, pools) before either run is timed.
    run(Math.max(50, events / 4), replicas);
    Result one = run(events, List.of(replicas.get(0)), replicas.get(1));
    Result two = run(events, replicas);
    System.out.printf(
        "SPREAD latency=%d ms/request events=%d over %d connections | 1 replica: %.1f pages/s, split %s"
            + " | 2 replicas: %.1f pages/s, split %s | ratio %.2f%n",
        latencyMs,
        events,
        CONNECTIONS,
        one.pagesPerSecond,
        one.split,
        two.pagesPerSecond,
        two.split,
        two.pagesPerSecond / one.pagesPerSecond);
    notion.clearFaults();
    stopAll();
  }

  /** 60 tickets over two replicas at the connector's budget; one replica killed mid-run. */
  void proof(int budget) throws Exception {
    notion.rateLimit(budget, budget);
    replicas.add(start(String.valueOf(budget)));
    replicas.add(start(String.valueOf(budget)));
    NotionWorld world = new NotionWorld(notion);
    String org = connect(world, replicas.get(0));
    List<String> tickets = new ArrayList<>();
    Instant start = Instant.now();
    for (int i = 0; i < 60; i++) {
      String id = "T-" + UUID.randomUUID();
      tickets.add(id);
      post(replicas.get(i % 2), org, id, "Proof " + id);
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> linked(org) >= 15);
    replicas.get(1).kill();
    System.out.printf(
        "PROOF killed replica pid %d (SIGKILL) with %d of 60 linked; survivor pid %d%n",
        replicas.get(1).pid(), linked(org), replicas.get(0).pid());
    await().atMost(Duration.ofMinutes(3)).until(() -> linked(org) == 60);
    List<RecordedCall> calls =
        notion.calls().stream()
            .filter(c -> world.token.equals(c.token()) && !c.at().isBefore(start))
            .toList();
    TreeMap<Long, Integer> perSecond = new TreeMap<>();
    calls.forEach(c -> perSecond.merge(c.at().getEpochSecond(), 1, Integer::sum));
    int peak = perSecond.values().stream().max(Integer::compare).orElse(0);
    long tooMany = calls.stream().filter(c -> c.status() == 429).count();
    Map<String, Integer> pages = new HashMap<>();
    for (String row : notion.rows(world.dataSourceId)) {
      pages.merge(
          notion.page(row).at("/properties/Name/title/0/plain_text").asText(), 1, Integer::sum);
    }
    long missing = tickets.stream().filter(t -> !pages.containsKey("Proof " + t)).count();
    long doubled = pages.values().stream().filter(n -> n > 1).count();
    double seconds =
        Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()).toMillis() / 1000.0;
    System.out.printf(
        "PROOF 60 tickets, budget %d/s: %d Notion requests in %.1f s = %.2f/s, peak %d in one"
            + " second, %d x 429, %d missing, %d doubled, split %s%n",
        budget,
        calls.size(),
        seconds,
        calls.size() / seconds,
        peak,
        tooMany,
        missing,
        doubled,
        split(org));
    // As ReplicaScaleIT: shared, the average stays at the budget; unshared it would double.
    ok &= tooMany == 0 && missing == 0 && doubled == 0 && calls.size() / seconds <= budget * 1.05;
  }

  private record Result(double pagesPerSecond, Map<String, Integer> split) {}

  private Result run(int events, List<ChildConnector> via, ChildConnector... paused)
      throws Exception {
    for (ChildConnector p : paused) {
      p.suspend(); // SIGSTOP: a replica that claims nothing, as if not deployed
    }
    try {
      return runOn(events, via);
    } finally {
      for (ChildConnector p : paused) {
        p.resume();
      }
    }
  }

  private Result runOn(int events, List<ChildConnector> via) throws Exception {
    // Several connections (each with its own budget and bucket row), as a deployment serves many
    // orgs.
    String run = "org_" + UUID.randomUUID().toString().replace("-", "").substring(0, 6) + "_";
    List<String> orgs = new ArrayList<>();
    for (int k = 0; k < CONNECTIONS; k++) {
      orgs.add(connect(new NotionWorld(notion), via.get(0), run + k));
    }
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      tickets.add("T-" + UUID.randomUUID());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Instant start = Instant.now();
    List<Future<Integer>> posted = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      ChildConnector target = via.get(i % via.size());
      String id = tickets.get(i);
      String org = orgs.get(i % orgs.size());
      posted.add(pool.submit(() -> post(target, org, id, "Load " + id)));
    }
    for (Future<Integer> f : posted) {
      if (f.get() != 202 && f.get() != 200) {
        throw new IllegalStateException("intake answered " + f.get());
      }
    }
    pool.shutdown();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> linked(run + "%") == events);
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    return new Result(events / seconds, split(run + "%"));
  }

  private int post(ChildConnector via, String org, String ticketId, String subject)
      throws Exception {
    String json = TicketEvents.ticketJson(ticketId, subject, "normal", "open");
    fynedesk.addTicket(org, JSON.readValue(json, Ticket.class));
    return new TicketEvents(via.http).post("ticket.created", org, json).status();
  }

  private String connect(NotionWorld world, ChildConnector via) {
    return connect(
        world, via, "org_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
  }

  private String connect(NotionWorld world, ChildConnector via, String org) {
    String jwt = TestJwt.admin(org);
    check(
        via.http.json(
            "PUT", "/api/v1/connections/notion/token", jwt, "{\"token\":\"" + world.token + "\"}"));
    check(
        via.http.json(
            "PATCH",
            "/api/v1/connections/notion/settings",
            jwt,
            """
            {"enabled": true, "ticketHandoff": {"enabled": true, "dataSourceId": "%s",
             "triggers": ["created"], "propertyMap": {"priority": "Priority", "status": "Status"}}}
            """
                .formatted(world.dataSourceId)));
    return org;
  }

  private static void check(Http.Answer a) {
    if (a.status() != 200) {
      throw new IllegalStateException(a.status() + " " + a.body());
    }
  }

  private ChildConnector start(String budget) throws Exception {
    Path dir = Files.createTempDirectory("replica-load-");
    Map<String, String> env = new HashMap<>();
    env.put(
        "SPRING_DATASOURCE_URL",
        pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    env.put("SPRING_DATASOURCE_USERNAME", pgUser);
    env.put("SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("PGPASSWORD", ""));
    env.put("SPRING_FLYWAY_SCHEMAS", schema);
    env.put("NOTION_API_BASE_URL", notion.baseUrl());
    env.put("FYNEDESK_API_BASE_URL", fynedesk.baseUrl());
    env.put("FYNEDESK_API_TOKEN", FyneDeskSimulator.DEFAULT_TOKEN);
    env.put("FYNEDESK_EVENTS_SECRET", TicketEvents.SECRET);
    env.put("CONNECTOR_SECURITY_JWT_SECRET", TestJwt.SECRET);
    env.put("NOTION_RATE_LIMIT_REQUESTS_PER_SECOND", budget);
    env.put("CONNECTOR_INBOX_POLL_DELAY_MS", "50");
    env.put("CONNECTOR_INBOX_CLAIM_TIMEOUT", "5s");
    env.put("CONNECTOR_INBOX_HEARTBEAT", "1s");
    env.put("CONNECTOR_HANDOFF_LEASE", "5s");
    env.put("CONNECTOR_RETRY_REDELIVERY_DELAY_MS", "200");
    env.put("CONNECTOR_RETRY_MAX_DELAY_MS", "4000");
    env.put("CAMEL_MAIN_JMX_ENABLED", "false");
    env.put("LOGGING_LEVEL_ROOT", "WARN");
    return ChildConnector.start(dir, env);
  }

  private int linked(String org) throws Exception {
    try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM "
                    + schema
                    + ".ticket_page_link WHERE org_id LIKE ? AND linked_back")) {
      s.setString(1, org);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /** Events per replica (the inbox keeps who processed each). */
  private Map<String, Integer> split(String org) throws Exception {
    Map<String, Integer> split = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT claimed_by, COUNT(*) FROM "
                    + schema
                    + ".inbox_event WHERE org_id LIKE ? GROUP BY claimed_by")) {
      s.setString(1, org);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          // claimed_by is "<pid>@<host>/<random>": the replica's process id names it.
          String owner = String.valueOf(r.getString(1));
          split.put("pid " + owner.substring(0, Math.max(0, owner.indexOf('@'))), r.getInt(2));
        }
      }
    }
    return split;
  }

  private static String pgPassword() {
    return System.getenv().getOrDefault("PGPASSWORD", "");
  }

  private void stopAll() throws InterruptedException {
    for (ChildConnector r : replicas) {
      r.close();
    }
    replicas.clear();
  }

  private void close() throws Exception {
    stopAll();
    notion.close();
    fynedesk.close();
    try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
