package io.fynedesk.connector.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fynedesk.connector.support.ChildConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two connector processes on one PostgreSQL schema, one Quartz cluster: every backstop fire runs on
 * one instance only, and after {@code kill -9} of the instance that ran the latest fire the
 * survivor runs the next one on schedule. PostgreSQL only (the embedded H2 file takes one process):
 * skipped on H2, run by the PostgreSQL pass of {@code .ci/run}.
 */
class BackstopClusterIT {

  static final Duration INTERVAL = Duration.ofSeconds(12);

  /** Quartz declares a silent instance dead ~7.5 s after its last check-in plus this interval. */
  static final String CHECKIN_MS = "1000";

  ChildConnector a;
  ChildConnector b;
  Path dirA;
  Path dirB;

  @AfterEach
  void stop() throws Exception {
    for (ChildConnector c : new ChildConnector[] {a, b}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void eachFireRunsOnOneInstanceAndTheSurvivorTakesOverAfterAKill() throws Exception {
    String pg = System.getenv("CONNECTOR_TEST_POSTGRES_URL");
    assumeTrue(pg != null && !pg.isBlank(), "needs PostgreSQL (CONNECTOR_TEST_POSTGRES_URL)");
    String schema = "bc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    String user = System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_USER", "postgres");
    String password = System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_PASSWORD", "");
    Map<String, String> env = new HashMap<>();
    env.put("SPRING_DATASOURCE_URL", url);
    env.put("SPRING_DATASOURCE_USERNAME", user);
    env.put("SPRING_DATASOURCE_PASSWORD", password);
    env.put("SPRING_FLYWAY_SCHEMAS", schema);
    env.put("CONNECTOR_BACKSTOP_INTERVAL", INTERVAL.toSeconds() + "s");
    env.put(
        "SPRING_APPLICATION_JSON",
        "{\"spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval\":\""
            + CHECKIN_MS
            + "\"}");
    dirA = Files.createTempDirectory("backstop-a");
    dirB = Files.createTempDirectory("backstop-b");
    a = ChildConnector.start(dirA, env);
    b = ChildConnector.start(dirB, env);
    JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(url, user, password));
    Instant bothUp = Instant.now();

    // Several intervals with both instances up.
    await()
        .atMost(INTERVAL.multipliedBy(7))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> finishedSince(db, bothUp).size() >= 4);
    List<Map<String, Object>> fires = finishedSince(db, bothUp);
    assertOneInstancePerFire(db);
    Map<String, Long> perInstance =
        fires.stream()
            .collect(Collectors.groupingBy(f -> (String) f.get("runner"), Collectors.counting()));
    System.out.println("Backstop fires per instance (both up): " + perInstance);
    assertThat(perInstance.keySet()).allMatch(r -> ofChild(r, a) || ofChild(r, b));

    // kill -9 the instance that ran the latest fire, right after it.
    int seen = finishedSince(db, bothUp).size();
    await()
        .atMost(INTERVAL.multipliedBy(2))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> finishedSince(db, bothUp).size() > seen);
    List<Map<String, Object>> now = finishedSince(db, bothUp);
    String lastRunner = (String) now.get(now.size() - 1).get("runner");
    ChildConnector fired = ofChild(lastRunner, a) ? a : b;
    ChildConnector survivor = fired == a ? b : a;
    fired.kill();
    Instant killed = Instant.now();

    // The survivor runs the next fire within one interval of the kill (plus a little slack).
    await()
        .atMost(INTERVAL.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                startedSince(db, killed).stream()
                    .anyMatch(f -> ofChild((String) f.get("runner"), survivor)));
    Instant first =
        startedSince(db, killed).stream()
            .filter(f -> ofChild((String) f.get("runner"), survivor))
            .map(f -> ((Timestamp) f.get("started_at")).toInstant())
            .findFirst()
            .orElseThrow();
    System.out.println(
        "Survivor's first fire "
            + Duration.between(killed, first).toMillis()
            + " ms after kill -9 (interval "
            + INTERVAL.toMillis()
            + " ms)");
    assertThat(Duration.between(killed, first)).isLessThanOrEqualTo(INTERVAL.plusSeconds(3));
    assertThat(startedSince(db, killed)).allMatch(f -> ofChild((String) f.get("runner"), survivor));
    assertOneInstancePerFire(db);
  }

  static void assertOneInstancePerFire(JdbcTemplate db) {
    List<Map<String, Object>> all =
        db.queryForList("SELECT scheduled_at, runner FROM backstop_run ORDER BY started_at");
    assertThat(all).allMatch(f -> f.get("scheduled_at") != null);
    Map<Object, Long> perSchedule =
        all.stream()
            .collect(Collectors.groupingBy(f -> f.get("scheduled_at"), Collectors.counting()));
    assertThat(perSchedule)
        .as("runs per scheduled fire")
        .allSatisfy((k, v) -> assertThat(v).isOne());
  }

  static boolean ofChild(String runner, ChildConnector child) {
    return runner != null && runner.startsWith(child.pid() + "@");
  }

  static List<Map<String, Object>> finishedSince(JdbcTemplate db, Instant t) {
    return db.queryForList(
        "SELECT runner, started_at FROM backstop_run WHERE started_at >= ? AND finished_at IS NOT"
            + " NULL ORDER BY started_at",
        Timestamp.from(t));
  }

  static List<Map<String, Object>> startedSince(JdbcTemplate db, Instant t) {
    return db.queryForList(
        "SELECT runner, started_at FROM backstop_run WHERE started_at >= ? ORDER BY started_at",
        Timestamp.from(t));
  }
}
