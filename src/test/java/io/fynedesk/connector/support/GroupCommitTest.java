package io.fynedesk.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.support.GroupCommit.Pending;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit the event intake and the webhook ledger stand on: every caller gets its own
 * answer, after its own item was written; items that queue while a batch is written go together in
 * the next one; nobody is left waiting when the writer lets go.
 */
class GroupCommitTest {

  private final ExecutorService callers = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  @Test
  void everyCallerGetsItsOwnAnswerOnceItsItemIsWritten() throws Exception {
    Set<Integer> written = ConcurrentHashMap.newKeySet();
    AtomicInteger writes = new AtomicInteger();
    GroupCommit<Integer> commits =
        new GroupCommit<>(
            64,
            batch -> {
              writes.incrementAndGet();
              for (Pending<Integer> p : batch) {
                assertThat(written.add(p.value())).as("item %s written once", p.value()).isTrue();
                p.done().complete(p.value() % 2 == 0);
              }
            });
    List<Future<Boolean>> answers = new ArrayList<>();
    int items = 16 * 400;
    for (int i = 0; i < items; i++) {
      int item = i;
      answers.add(
          callers.submit(
              () -> {
                boolean answer = commits.submit(item);
                // The answer comes only after the item is written.
                assertThat(written).contains(item);
                return answer;
              }));
    }
    for (int i = 0; i < items; i++) {
      assertThat(answers.get(i).get(10, TimeUnit.SECONDS))
          .as("answer of %s", i)
          .isEqualTo(i % 2 == 0);
    }
    assertThat(written).hasSize(items);
    assertThat(writes.get()).isLessThanOrEqualTo(items);
  }

  @Test
  void itemsQueuedDuringAWriteGoTogetherInTheNextBatch() throws Exception {
    CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    GroupCommit<Integer> commits =
        new GroupCommit<>(
            64,
            batch -> {
              batches.add(batch.stream().map(Pending::value).toList());
              if (batches.size() == 1) {
                awaitQuietly(firstWriteMayEnd);
              }
              batch.forEach(p -> p.done().complete(true));
            });
    Future<Boolean> first = callers.submit(() -> commits.submit(0));
    await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
    List<Thread> waiting = new CopyOnWriteArrayList<>();
    List<Future<Boolean>> others = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int item = i;
      others.add(
          callers.submit(
              () -> {
                waiting.add(Thread.currentThread());
                return commits.submit(item);
              }));
    }
    // All five are asleep (not polling) while the first batch is being written.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                waiting.size() == 5
                    && waiting.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
    firstWriteMayEnd.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
    for (Future<Boolean> other : others) {
      assertThat(other.get(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0)).containsExactly(0);
    assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
  }

  @Test
  void aFailedBatchFailsItsCallersAndTheNextBatchIsWrittenAgain() throws Exception {
    AtomicBoolean fail = new AtomicBoolean(true);
    GroupCommit<String> commits =
        new GroupCommit<>(
            8,
            batch -> {
              if (fail.getAndSet(false)) {
                throw new IllegalStateException("disk full");
              }
              batch.forEach(p -> p.done().complete(true));
            });

    assertThatThrownBy(() -> commits.submit("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("disk full");
    assertThat(commits.submit("b")).isTrue();
  }

  @Test
  void anItemTheWriterLeftUnansweredFailsInsteadOfWaitingForever() {
    GroupCommit<String> commits = new GroupCommit<>(8, batch -> {});

    assertThatThrownBy(() -> commits.submit("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unanswered");
  }

  @Test
  void anInterruptedCallerStillGetsItsAnswerAndKeepsTheInterrupt() throws Exception {
    CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
    AtomicInteger writes = new AtomicInteger();
    GroupCommit<Integer> commits =
        new GroupCommit<>(
            8,
            batch -> {
              if (writes.incrementAndGet() == 1) {
                awaitQuietly(firstWriteMayEnd);
              }
              batch.forEach(p -> p.done().complete(true));
            });
    Future<Boolean> first = callers.submit(() -> commits.submit(0));
    await().atMost(Duration.ofSeconds(5)).until(() -> writes.get() == 1);
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread[] second = new Thread[1];
    Future<Boolean> answer =
        callers.submit(
            () -> {
              second[0] = Thread.currentThread();
              boolean stored = commits.submit(1);
              interruptKept.set(Thread.interrupted());
              return stored;
            });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> second[0] != null && second[0].getState() == Thread.State.WAITING);
    second[0].interrupt();
    firstWriteMayEnd.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(answer.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(interruptKept).isTrue();
    assertThat(writes.get()).isEqualTo(2);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the write");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
