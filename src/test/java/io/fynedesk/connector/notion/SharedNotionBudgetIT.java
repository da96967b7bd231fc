package io.fynedesk.connector.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two budgets on one PostgreSQL database behave as one: together they pace one connection at its
 * budget, and a Retry-After seen by one closes the gate of the other. PostgreSQL only.
 */
class SharedNotionBudgetIT {

  static final String SCHEMA = "budget_" + UUID.randomUUID().toString().substring(0, 8);
  static DriverManagerDataSource dataSource;

  @BeforeAll
  static void migrate() {
    String url = System.getenv("CONNECTOR_TEST_POSTGRES_URL");
    assumeTrue(url != null && !url.isBlank(), "PostgreSQL only");
    String user = System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_USER", "postgres");
    String password = System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_PASSWORD", "");
    dataSource =
        new DriverManagerDataSource(
            url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, user, password);
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @AfterAll
  static void drop() throws Exception {
    if (dataSource != null) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  @Test
  void twoReplicasTogetherSendNoMoreThanOneBudget() throws Exception {
    NotionRateBudget a = SharedNotionBudget.create(dataSource, 5);
    NotionRateBudget b = SharedNotionBudget.create(dataSource, 5);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Void>> calls = new ArrayList<>();
    for (NotionRateBudget budget : List.of(a, b, a, b)) {
      calls.add(
          () -> {
            for (int i = 0; i < 3; i++) {
              budget.acquire("org-shared", Priority.URGENT);
            }
            return null;
          });
    }
    long start = System.nanoTime();
    for (Future<Void> f : pool.invokeAll(calls)) {
      f.get();
    }
    pool.shutdown();

    // 12 requests at 5/s over both: the first at once, then one every 200 ms (2.2 s); each
    // replica alone would have needed only 1 s for its 6.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2100));
    assertThat(a.stats("org-shared").requestsSent() + b.stats("org-shared").requestsSent())
        .isEqualTo(12);
  }

  @Test
  void urgentWorkOfOneReplicaGoesBeforeBulkWorkOfAnother() throws Exception {
    NotionRateBudget a = SharedNotionBudget.create(dataSource, 4);
    NotionRateBudget b = SharedNotionBudget.create(dataSource, 4);
    a.acquire("org-lanes", Priority.URGENT); // the shared bucket is empty now
    List<String> order = new CopyOnWriteArrayList<>();
    Thread urgent =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 3; i++) {
                  b.acquire("org-lanes", Priority.URGENT);
                  order.add("urgent");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    urgent.start();
    // Replica b's first urgent call has reserved the next token and waits for it.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> urgent.getState() == Thread.State.TIMED_WAITING);
    Thread bulk =
        new Thread(
            () -> {
              try {
                a.acquire("org-lanes", Priority.BULK);
                order.add("bulk");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    bulk.start();
    urgent.join(10_000);
    bulk.join(10_000);

    assertThat(order).containsExactly("urgent", "urgent", "urgent", "bulk");
  }

  @Test
  void aRetryAfterSeenByOneReplicaPausesTheOther() throws Exception {
    NotionRateBudget a = SharedNotionBudget.create(dataSource, 50);
    NotionRateBudget b = SharedNotionBudget.create(dataSource, 50);
    b.acquire("org-gate", Priority.URGENT);

    a.blockFor("org-gate", Duration.ofMillis(1500));
    // A shorter Retry-After (seen later by another replica) never shortens the gate.
    b.blockFor("org-gate", Duration.ofMillis(100));
    long start = System.nanoTime();
    b.acquire("org-gate", Priority.BULK);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1300));
    long other = System.nanoTime();
    b.acquire("org-other", Priority.BULK);
    assertThat(Duration.ofNanos(System.nanoTime() - other)).isLessThan(Duration.ofMillis(1000));
  }
}
