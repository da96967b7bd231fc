package io.fynedesk.connector.notion;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The request budget of every Notion connection: a Bucket4j token bucket per connection key, a
 * "blocked until" gate set by 429 {@code Retry-After}, urgent-before-bulk ordering, and counters.
 *
 * <p>Capacity is {@code max(1, ceil(requestsPerSecond))} refilled greedily, so the connector never
 * bursts beyond one second of budget. Notion's documented floor is 3 requests/s per connection.
 *
 * @see <a href="https://developers.notion.com/reference/request-limits">Notion request limits</a>
 */
public final class NotionRateBudget {

  private static final long BULK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final double requestsPerSecond;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  public NotionRateBudget(double requestsPerSecond) {
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be positive");
    }
    this.requestsPerSecond = requestsPerSecond;
  }

  /** Figures of one connection for metrics and tests. */
  public record Stats(long requestsSent, long rateLimited, long waitingUrgent) {}

  /** Blocks until this connection may send one request (gate open and a token taken). */
  public void acquire(String connectionKey, Priority priority) throws InterruptedException {
    Connection connection = connection(connectionKey);
    if (priority == Priority.URGENT) {
      connection.urgentWaiting.incrementAndGet();
      try {
        connection.awaitGate();
        connection.bucket.asBlocking().consume(1);
      } finally {
        connection.urgentWaiting.decrementAndGet();
      }
    } else {
      connection.awaitGate();
      while (connection.urgentWaiting.get() > 0 || !connection.bucket.tryConsume(1)) {
        long wait = connection.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        parkNanos(Math.max(BULK_POLL_NANOS / 4, Math.min(wait, BULK_POLL_NANOS)));
        connection.awaitGate();
      }
    }
    // A 429 of another thread may have closed the gate while this one waited for its token.
    connection.awaitGate();
    connection.sent.incrementAndGet();
  }

  /**
   * Closes the gate of a connection: no request is sent for it before {@code duration} has passed.
   */
  public void blockFor(String connectionKey, Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    connection(connectionKey).blockedUntil.accumulateAndGet(until, (a, b) -> a - b >= 0 ? a : b);
  }

  /** Counts a 429/529 answer. */
  public void recordRateLimited(String connectionKey) {
    connection(connectionKey).rateLimited.incrementAndGet();
  }

  /** Counters of one connection (zeros if it never sent anything). */
  public Stats stats(String connectionKey) {
    Connection c = connections.get(connectionKey);
    return c == null
        ? new Stats(0, 0, 0)
        : new Stats(c.sent.get(), c.rateLimited.get(), c.urgentWaiting.get());
  }

  /** Keys of the connections seen so far. */
  public java.util.Set<String> connectionKeys() {
    return java.util.Set.copyOf(connections.keySet());
  }

  private Connection connection(String key) {
    return connections.computeIfAbsent(key, k -> new Connection(newBucket()));
  }

  private Bucket newBucket() {
    long capacity = Math.max(1, (long) Math.ceil(requestsPerSecond));
    Duration period = Duration.ofNanos((long) (capacity / requestsPerSecond * 1_000_000_000L));
    Bandwidth limit = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
    return Bucket.builder().addLimit(limit).withNanosecondPrecision().build();
  }

  private static void parkNanos(long nanos) throws InterruptedException {
    LockSupport.parkNanos(nanos);
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  private static final class Connection {
    final Bucket bucket;
    final AtomicLong blockedUntil = new AtomicLong(System.nanoTime());
    final AtomicInteger urgentWaiting = new AtomicInteger();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();

    Connection(Bucket bucket) {
      this.bucket = bucket;
    }

    void awaitGate() throws InterruptedException {
      long remaining;
      while ((remaining = blockedUntil.get() - System.nanoTime()) > 0) {
        parkNanos(remaining);
      }
    }
  }
}
