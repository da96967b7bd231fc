package io.fynedesk.connector.simulator.notion;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The queue of injected faults; each matching request consumes one use of the first match. */
final class SimFaults {

  private static final class Armed {
    final Fault fault;
    int remaining;
    final Instant until;

    Armed(Fault fault, Instant until) {
      this.fault = fault;
      this.remaining = fault.times;
      this.until = until;
    }
  }

  private final Clock clock;
  private final List<Armed> armed = new ArrayList<>();

  SimFaults(Clock clock) {
    this.clock = clock;
  }

  synchronized void add(Fault fault) {
    armed.add(new Armed(fault, fault.during == null ? null : clock.instant().plus(fault.during)));
  }

  synchronized void clear() {
    armed.clear();
  }

  /** Faults still armed (a counted fault leaves once its last request took it). */
  synchronized int armed() {
    return armed.size();
  }

  /** Takes the first matching fault of the given kind (latency or not), or null. */
  synchronized Fault take(String method, String path, boolean latency) {
    Instant now = clock.instant();
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      if (a.until != null && !now.isBefore(a.until)) {
        it.remove();
        continue;
      }
      Fault f = a.fault;
      boolean matches =
          (f.method == null || f.method.equalsIgnoreCase(method)) && path.matches(f.pathRegex);
      if (!matches || f.isLatency() != latency) {
        continue;
      }
      if (a.until == null && --a.remaining <= 0) {
        it.remove();
      }
      return f;
    }
    return null;
  }
}
