package io.fynedesk.connector.notion;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The request budget of every Notion connection: a Bucket4j token bucket per connection key, a
 * "blocked until" gate set by 429 {@code Retry-After}, urgent-before-bulk ordering, and counters.
 *
 * <p>Buckets and gate live in memory ({@link #NotionRateBudget(double)}, one process) or in the
 * database ({@link SharedNotionBudget}: every replica draws on the same bucket and sees the same
 * gate). The bucket holds one token refilled every {@code 1 / requestsPerSecond}: requests are
 * paced evenly, so no one-second window holds more than the budget (Notion documents an average of
 * 3 requests/s per connection).
 *
 * <p>Urgent calls reserve their token (a shared bucket goes below zero for them) and wait for it; a
 * bulk call takes a token only when one is free and no urgent call of this replica waits, so urgent
 * work of any replica goes first.
 *
 * @see <a href="https://developers.notion.com/reference/request-limits">Notion request limits</a>
 */
public final class NotionRateBudget {

  private static final long BULK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Where the buckets of the connections live. */
  interface Buckets {
    /** The bucket of one connection, created with {@code configuration} if it does not exist. */
    Bucket bucket(String connectionKey, BucketConfiguration configuration);
  }

  /** Where the Retry-After gates of the connections live. */
  interface Gate {
    /** Closes the gate of a connection for at least {@code duration} from now. */
    void blockFor(String connectionKey, Duration duration);

    /** Time left until the gate of a connection opens (zero or negative: open). */
    long nanosBlocked(String connectionKey);
  }

  private final BucketConfiguration configuration;
  private final Buckets buckets;
  private final Gate gate;
  private final long bulkPollNanos;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  /** In memory: one process, one budget per connection. */
  public NotionRateBudget(double requestsPerSecond) {
    this(requestsPerSecond, localBuckets(), new LocalGate(), BULK_POLL_NANOS);
  }

  NotionRateBudget(double requestsPerSecond, Buckets buckets, Gate gate, long bulkPollNanos) {
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be positive");
    }
    this.configuration = configuration(requestsPerSecond);
    this.buckets = buckets;
    this.gate = gate;
    this.bulkPollNanos = bulkPollNanos;
  }

  /** Figures of one connection for metrics and tests. */
  public record Stats(long requestsSent, long rateLimited, long waitingUrgent) {}

  /** Blocks until this connection may send one request (gate open and a token taken). */
  public void acquire(String connectionKey, Priority priority) throws InterruptedException {
    Connection connection = connection(connectionKey);
    if (priority == Priority.URGENT) {
      connection.urgentWaiting.incrementAndGet();
      try {
        awaitGate(connectionKey);
        connection.bucket.asBlocking().consume(1);
      } finally {
        connection.urgentWaiting.decrementAndGet();
      }
    } else {
      awaitGate(connectionKey);
      while (connection.urgentWaiting.get() > 0 || !connection.bucket.tryConsume(1)) {
        long wait = connection.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        parkNanos(Math.max(bulkPollNanos / 4, Math.min(wait, bulkPollNanos)));
        awaitGate(connectionKey);
      }
    }
    // A 429 of another thread (or replica) may have closed the gate while this one waited.
    awaitGate(connectionKey);
    connection.sent.incrementAndGet();
  }

  /**
   * Closes the gate of a connection: no request is sent for it before {@code duration} has passed.
   */
  public void blockFor(String connectionKey, Duration duration) {
    gate.blockFor(connectionKey, duration);
  }

  /** Counts a 429/529 answer. */
  public void recordRateLimited(String connectionKey) {
    connection(connectionKey).rateLimited.incrementAndGet();
  }

  /** Counters of one connection in this replica (zeros if it never sent anything). */
  public Stats stats(String connectionKey) {
    Connection c = connections.get(connectionKey);
    return c == null
        ? new Stats(0, 0, 0)
        : new Stats(c.sent.get(), c.rateLimited.get(), c.urgentWaiting.get());
  }

  /** Keys of the connections seen so far. */
  public Set<String> connectionKeys() {
    return Set.copyOf(connections.keySet());
  }

  private Connection connection(String key) {
    return connections.computeIfAbsent(key, k -> new Connection(buckets.bucket(k, configuration)));
  }

  private void awaitGate(String connectionKey) throws InterruptedException {
    long remaining;
    while ((remaining = gate.nanosBlocked(connectionKey)) > 0) {
      parkNanos(remaining);
    }
  }

  /** One token, refilled every 1/rate: evenly paced, never more than the budget in a second. */
  static BucketConfiguration configuration(double requestsPerSecond) {
    Duration period = Duration.ofNanos((long) (1_000_000_000L / requestsPerSecond));
    Bandwidth limit = Bandwidth.builder().capacity(1).refillGreedy(1, period).build();
    return BucketConfiguration.builder().addLimit(limit).build();
  }

  private static Buckets localBuckets() {
    return (key, configuration) -> {
      var builder = Bucket.builder().withNanosecondPrecision();
      for (Bandwidth limit : configuration.getBandwidths()) {
        builder.addLimit(limit);
      }
      return builder.build();
    };
  }

  static void parkNanos(long nanos) throws InterruptedException {
    LockSupport.parkNanos(nanos);
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** The in-memory gate: a "blocked until" instant per connection. */
  private static final class LocalGate implements Gate {
    private final Map<String, AtomicLong> blockedUntil = new ConcurrentHashMap<>();

    @Override
    public void blockFor(String connectionKey, Duration duration) {
      long until = System.nanoTime() + duration.toNanos();
      blockedUntil
          .computeIfAbsent(connectionKey, k -> new AtomicLong(System.nanoTime()))
          .accumulateAndGet(until, (a, b) -> a - b >= 0 ? a : b);
    }

    @Override
    public long nanosBlocked(String connectionKey) {
      AtomicLong until = blockedUntil.get(connectionKey);
      return until == null ? 0 : until.get() - System.nanoTime();
    }
  }

  private static final class Connection {
    final Bucket bucket;
    final AtomicInteger urgentWaiting = new AtomicInteger();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();

    Connection(Bucket bucket) {
      this.bucket = bucket;
    }
  }
}
