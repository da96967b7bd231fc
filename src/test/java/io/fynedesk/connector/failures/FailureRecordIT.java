package io.fynedesk.connector.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The failure list shows a failing subject once: workers that fail events of one ticket at the same
 * moment (two replicas, or two workers of one) add to one open failure instead of each inserting
 * its own, and a replayed (resolved) failure makes room for a new one.
 */
class FailureRecordIT extends AbstractConnectorIT {

  @Autowired FailureRepository failures;

  @Test
  void workersFailingOneSubjectAtOnceShareOneOpenFailure() throws Exception {
    String org = newOrg();
    int workers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      for (int round = 0; round < 5; round++) {
        String ticket = "T-" + round;
        CyclicBarrier start = new CyclicBarrier(workers);
        List<Future<String>> ids = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
          String event = "evt-" + round + "-" + w;
          ids.add(
              pool.submit(
                  () -> {
                    start.await();
                    return failures.record(
                        org, "ticket.handoff", ticket, "notion_error", "Notion said no", 1, event);
                  }));
        }
        List<String> returned = new ArrayList<>();
        for (Future<String> f : ids) {
          returned.add(f.get(30, TimeUnit.SECONDS));
        }
        List<Failure> open =
            failures.open(org).stream().filter(f -> ticket.equals(f.subjectId())).toList();
        assertThat(open).as("open failures of %s", ticket).hasSize(1);
        assertThat(open.get(0).attempts()).isEqualTo(workers);
        assertThat(returned).containsOnly(open.get(0).id());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures.countOpen(org)).isEqualTo(5);
  }

  @Test
  void aResolvedFailureMakesRoomForANewOneOfTheSameSubject() {
    String org = newOrg();
    String first = failures.record(org, "ticket.handoff", "T-1", "notion_error", "no", 3, "e1");
    assertThat(failures.record(org, "ticket.handoff", "T-1", "notion_error", "no", 1, "e2"))
        .isEqualTo(first);
    assertThat(failures.resolve(org, first)).isTrue();
    String second = failures.record(org, "ticket.handoff", "T-1", "notion_error", "again", 1, "e3");
    assertThat(second).isNotEqualTo(first);
    assertThat(failures.open(org)).extracting(Failure::id).containsExactly(second);
    assertThat(failures.open(org).get(0).attempts()).isEqualTo(1);
    // Another org's failure of the same kind and subject is its own.
    String other = newOrg();
    assertThat(failures.record(other, "ticket.handoff", "T-1", "notion_error", "no", 1, "e4"))
        .isNotEqualTo(second);
  }
}
