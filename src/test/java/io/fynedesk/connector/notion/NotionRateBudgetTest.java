package io.fynedesk.connector.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NotionRateBudgetTest {

  @Test
  void urgentCallerGoesBeforeABulkCallerThatWaitedLonger() throws Exception {
    NotionRateBudget budget = new NotionRateBudget(1);
    budget.acquire("org", Priority.URGENT);
    List<String> order = new CopyOnWriteArrayList<>();
    Thread bulk = new Thread(() -> acquire(budget, Priority.BULK, order, "bulk"));
    bulk.start();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> bulk.getState() == Thread.State.TIMED_WAITING);

    Thread urgent = new Thread(() -> acquire(budget, Priority.URGENT, order, "urgent"));
    urgent.start();
    bulk.join(5_000);
    urgent.join(5_000);

    assertThat(order).containsExactly("urgent", "bulk");
    assertThat(budget.stats("org").requestsSent()).isEqualTo(3);
  }

  @Test
  void blockedConnectionWaitsButOtherConnectionsDoNot() throws Exception {
    NotionRateBudget budget = new NotionRateBudget(10);
    budget.blockFor("org-a", Duration.ofSeconds(30));
    List<String> order = new CopyOnWriteArrayList<>();
    Thread blocked =
        new Thread(
            () -> {
              try {
                budget.acquire("org-a", Priority.URGENT);
                order.add("a");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    blocked.start();

    budget.acquire("org-b", Priority.BULK);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> blocked.getState() == Thread.State.TIMED_WAITING);

    assertThat(order).isEmpty();
    assertThat(budget.stats("org-b").requestsSent()).isEqualTo(1);
    blocked.interrupt();
    blocked.join(5_000);
  }

  @Test
  void requestsArePacedEvenlySoNoSecondHoldsMoreThanTheBudget() throws Exception {
    NotionRateBudget budget = new NotionRateBudget(2.5);
    long start = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      budget.acquire("org", Priority.BULK);
    }

    // One at once, then one every 400 ms: 5 requests take 1.6 s, never 3 within one second.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1550));
  }

  private static void acquire(
      NotionRateBudget budget, Priority priority, List<String> order, String name) {
    try {
      budget.acquire("org", priority);
      order.add(name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
