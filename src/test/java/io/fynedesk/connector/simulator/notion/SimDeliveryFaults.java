package io.fynedesk.connector.simulator.notion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What goes wrong with Notion's webhook deliveries (notion-api.md §5, §9: at-most-once aims,
 * retries up to 8 times, drops under load, no ordering): the next events dropped, every event
 * delivered several times (as when Notion misses the 200), and events held back then released
 * newest first.
 */
final class SimDeliveryFaults {

  private int dropNext;
  private String dropType;
  private int deliveries = 1;
  private boolean holding;
  private String holdType;
  private final List<Runnable> held = new ArrayList<>();

  /** The next {@code n} events of a type (any type when null) are produced but never delivered. */
  synchronized void dropNext(String type, int n) {
    dropType = type;
    dropNext = n;
  }

  /** Every event is delivered {@code times} times (attempt_number 1…times), whatever the answer. */
  synchronized void deliverEach(int times) {
    if (times < 1 || times > SimWebhooks.MAX_ATTEMPTS) {
      throw new IllegalArgumentException("1.." + SimWebhooks.MAX_ATTEMPTS + " deliveries");
    }
    deliveries = times;
  }

  /** From now on events of a type (any when null) wait until {@link #releaseNewestFirst()}. */
  synchronized void hold(String type) {
    holding = true;
    holdType = type;
  }

  /** Stops holding and returns the held deliveries, newest first. */
  synchronized List<Runnable> releaseNewestFirst() {
    holding = false;
    List<Runnable> out = new ArrayList<>(held);
    Collections.reverse(out);
    held.clear();
    return out;
  }

  synchronized void clear() {
    dropNext = 0;
    deliveries = 1;
    holding = false;
    held.clear();
  }

  /** Whether an event of this type is to be dropped (counts it down). */
  synchronized boolean dropThis(String type) {
    if (dropNext > 0 && (dropType == null || dropType.equals(type))) {
      dropNext--;
      return true;
    }
    return false;
  }

  /** Keeps the delivery of an event of this type for later when holding; false when it goes now. */
  synchronized boolean held(String type, Runnable delivery) {
    boolean hold = holding && (holdType == null || holdType.equals(type));
    if (hold) {
      held.add(delivery);
    }
    return hold;
  }

  /** Whether a delivery answered 2xx is to be repeated anyway. */
  synchronized boolean repeatAfter(int attempt) {
    return attempt < deliveries;
  }

  synchronized int heldCount() {
    return held.size();
  }
}
