package io.fynedesk.connector.simulator.fynedesk;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Injected failures (next N calls to a path answer a status) and latency of the simulator. */
final class Faults {

  private final Map<String, Deque<Integer>> byPath = new ConcurrentHashMap<>();
  private volatile Duration latency = Duration.ZERO;
  private final ScheduledExecutorService delayed =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fynedesk-sim-latency");
            t.setDaemon(true);
            return t;
          });

  void failNext(String path, int times, int status) {
    Deque<Integer> queue = byPath.computeIfAbsent(path, p -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.addLast(status);
      }
    }
  }

  /** The injected status for this call to {@code path}, consuming it. */
  OptionalInt take(String path) {
    Deque<Integer> queue = byPath.get(path);
    if (queue == null) {
      return OptionalInt.empty();
    }
    synchronized (queue) {
      Integer status = queue.pollFirst();
      return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }
  }

  void latency(Duration latency) {
    this.latency = latency == null ? Duration.ZERO : latency;
  }

  /** Runs the answer now, or after the simulated latency on a scheduler thread. */
  void later(Runnable answer) {
    Duration current = latency;
    if (current.isZero()) {
      answer.run();
    } else {
      delayed.schedule(answer, current.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  void shutdown() {
    delayed.shutdownNow();
  }

  void clear() {
    byPath.clear();
    latency = Duration.ZERO;
  }
}
