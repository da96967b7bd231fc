package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Writers of one AI source at the same moment (a run and a webhook's page refresh, two workers, two
 * replicas): a page's records are replaced as a whole, never doubled, and two runs of one
 * integration dequeued together do not both run.
 */
class KnowledgeWritersIT extends KnowledgeFixture {

  @Autowired DatasetWriter writer;
  @Autowired SyncRuns runs;

  private static <T> List<T> together(int n, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRewritesOfOnePageLeaveOneSetOfItsRecords() throws Exception {
    String dataset = dataset();
    String integration = syncingIntegration(dataset);
    NotionPageReader.PageText page =
        new NotionPageReader.PageText(
            "page-contended",
            "Contended",
            "https://www.notion.so/contended",
            "## One\n\n"
                + "First part of the page. ".repeat(60)
                + "\n\n## Two\n\n"
                + "Second part of the page. ".repeat(60),
            "2026-12-07T10:00:00.000Z");
    for (int round = 0; round < 10; round++) {
      together(
          6,
          () -> {
            writer.replacePage(
                org, dataset, page.id(), writer.toRecords(dataset, integration, page, null));
            return null;
          });
    }
    int perSet = writer.toRecords(dataset, integration, page, null).size();
    assertThat(perSet).isGreaterThan(1);
    assertThat(writer.pageCount(dataset, page.id())).isEqualTo(perSet);
    writer.publish(dataset);
    assertThat(records(dataset)).hasSize(perSet);
  }

  @Test
  void twoRunsOfOneIntegrationDequeuedTogetherStartOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      String integration = syncingIntegration(dataset());
      String a = "run_a_" + round + "_" + System.nanoTime();
      String b = "run_b_" + round + "_" + System.nanoTime();
      runs.queued(a, integration, org, "manual");
      runs.queued(b, integration, org, "manual");
      List<String> ids = List.of(a, b);
      List<Integer> next = new ArrayList<>(List.of(0));
      List<SyncRuns.Start> outcomes =
          together(
              2,
              () -> {
                String id;
                synchronized (next) {
                  id = ids.get(next.get(0));
                  next.set(0, next.get(0) + 1);
                }
                return runs.start(id, integration);
              });
      assertThat(outcomes)
          .as("round " + round)
          .containsExactlyInAnyOrder(SyncRuns.Start.STARTED, SyncRuns.Start.BUSY);
      for (String id : ids) {
        runs.finished(id, "cancelled", new SyncRuns.Progress(), "test");
      }
    }
  }
}
