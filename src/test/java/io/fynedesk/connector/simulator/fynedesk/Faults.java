package io.fynedesk.connector.simulator.fynedesk;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** Injected failures (next N calls to a path answer a status) and latency of the simulator. */
final class Faults {

  private final Map<String, Deque<Integer>> byPath = new ConcurrentHashMap<>();
  private volatile Duration latency = Duration.ZERO;

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

  void delay() throws InterruptedException {
    Duration current = latency;
    if (!current.isZero()) {
      Thread.sleep(current.toMillis()); // simulated server latency, not a test wait
    }
  }

  void clear() {
    byPath.clear();
    latency = Duration.ZERO;
  }
}
