package io.fynedesk.connector.inbox;

import io.fynedesk.connector.ConnectorProperties;
import io.fynedesk.connector.failures.FailureRepository;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds the inbox to the routes: claims batches for this replica (never more than the workers can
 * hold, so a claim does not expire while queued) and records each event's outcome.
 */
@Component("inboxDispatcher")
public class InboxDispatcher {

  /** Exchange property a route sets to finish its event as {@code ignored} with a reason. */
  public static final String IGNORED_REASON = "inboxIgnoredReason";

  /** Exchange property a route sets to hold its event until the service it needs recovers. */
  public static final String HOLD_KEY = "inboxHoldKey";

  /** Exchange property a route sets to park its event until the org reconnects Notion. */
  public static final String PARK_REASON = "inboxParkReason";

  private static final Logger LOG = LoggerFactory.getLogger(InboxDispatcher.class);

  private final InboxRepository inbox;
  private final FailureRepository failures;
  private final ConnectorProperties.Inbox settings;
  private final String owner;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ReentrantLock freeLock = new ReentrantLock();
  private final Condition workerFreed = freeLock.newCondition();
  private final AtomicLong claimedTotal = new AtomicLong();

  private final InboxHealth health;
  private final InboxMetrics metrics;
  private final InboxWriter writer;

  InboxDispatcher(
      InboxRepository inbox,
      InboxWriter writer,
      FailureRepository failures,
      ConnectorProperties props,
      InboxHealth health,
      InboxMetrics metrics) {
    this.metrics = metrics;
    this.writer = writer;
    this.inbox = inbox;
    this.failures = failures;
    this.health = health;
    this.settings = props.inbox();
    this.owner =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Claims only what this replica's free workers can start now, so a busy replica leaves the rest
   * to the others (and nothing claimed waits in a queue while another replica idles).
   */
  public List<InboxEvent> claim(Exchange poll) {
    // The greedy scheduler polls again at once only when this says so: not after an empty or a
    // failed claim (the property is set before the database is asked).
    poll.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false);
    int room = settings.workers() - inFlight.get();
    if (room <= 0) {
      // Every worker is busy: wait (at most one poll delay) for one to finish instead of
      // sleeping a whole poll delay, so a backlog drains as fast as the workers go.
      awaitFreeWorker(settings.pollDelayMs());
      room = settings.workers() - inFlight.get();
      if (room <= 0) {
        return List.of();
      }
    }
    List<InboxEvent> claimed =
        inbox.claim(owner, Math.min(room, settings.batchSize()), settings.claimTimeout());
    inFlight.addAndGet(claimed.size());
    claimedTotal.addAndGet(claimed.size());
    poll.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
    return claimed;
  }

  /** A claimed event left this replica's hands (finished, held, parked or failed). */
  private void freed() {
    inFlight.decrementAndGet();
    freeLock.lock();
    try {
      workerFreed.signalAll();
    } finally {
      freeLock.unlock();
    }
  }

  private void awaitFreeWorker(long maxMs) {
    freeLock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(maxMs);
      while (inFlight.get() >= settings.workers() && nanos > 0) {
        nanos = workerFreed.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      freeLock.unlock();
    }
  }

  /** Events this replica has claimed since it started (the split between replicas). */
  public long claimedTotal() {
    return claimedTotal.get();
  }

  /**
   * Holds an event whose service is unavailable (its Notion circuit is open): it goes back in line
   * and waits until {@link #release} (the circuit closed) or, should nobody release it, one claim
   * timeout. No redelivery clock runs meanwhile.
   */
  public void hold(Exchange exchange) {
    freed();
    inbox.hold(
        exchange.getMessage().getHeader(InboxHeaders.EVENT_ID, String.class),
        exchange.getProperty(HOLD_KEY, String.class),
        settings.claimTimeout());
  }

  /** Releases at once the events held for this key (its Notion circuit closed). */
  public int release(@ExchangeProperty(HOLD_KEY) String key) {
    int n = inbox.release(key);
    if (n > 0) {
      LOG.info("Released {} event(s) held for {}", n, key);
    }
    return n;
  }

  /** Heartbeat: renews the claims of the events this replica is holding (queued or running). */
  public int heartbeat() {
    return inbox.renew(owner, settings.claimTimeout());
  }

  /** Finishes an event: {@code ignored} with the reason a route gave, else {@code done}. */
  public void finish(
      @Header(InboxHeaders.EVENT_ID) String id,
      @ExchangeProperty(IGNORED_REASON) String ignoredReason,
      @ExchangeProperty(PARK_REASON) String parkReason,
      Exchange exchange) {
    freed();
    if (parkReason != null) {
      inbox.park(id, parkReason);
    } else if (ignoredReason != null) {
      writer.finish(id, "ignored", ignoredReason);
    } else {
      writer.finish(id, "done", null);
    }
    count(exchange, parkReason != null ? "parked" : ignoredReason != null ? "ignored" : "done");
  }

  private void count(Exchange exchange, String outcome) {
    Message m = exchange.getMessage();
    metrics.processed(
        m.getHeader(InboxHeaders.EVENT_TYPE, String.class),
        outcome,
        m.getHeader(InboxHeaders.OCCURRED_AT, OffsetDateTime.class));
  }

  /** Parks an event whose org must reconnect Notion; it resumes after the reconnect. */
  public void park(Exchange exchange) {
    freed();
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    inbox.park(
        exchange.getMessage().getHeader(InboxHeaders.EVENT_ID, String.class),
        cause == null ? "needs reconnect" : cause.getMessage());
    count(exchange, "parked");
  }

  /** Gives up on an event: it lands in the failure list, replayable. */
  public void fail(Exchange exchange) {
    freed();
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    String id = exchange.getMessage().getHeader(InboxHeaders.EVENT_ID, String.class);
    String org = exchange.getMessage().getHeader(InboxHeaders.ORG_ID, String.class);
    String kind = exchange.getMessage().getHeader(InboxHeaders.WORK_KIND, "event", String.class);
    String subject = exchange.getMessage().getHeader(InboxHeaders.SUBJECT_ID, id, String.class);
    Integer redeliveries =
        exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
    String code = ErrorCodes.codeOf(cause);
    String message = cause == null ? "unknown failure" : cause.getMessage();
    failures.record(org, kind, subject, code, message, redeliveries + 1, id);
    inbox.finish(id, "failed", code + ": " + message);
    health.workFailed(org, kind + " of " + subject + " failed: " + code + ": " + message);
    count(exchange, "failed");
    LOG.warn(
        "Event {} of org {} failed ({}) after {} attempt(s): {}",
        id,
        org,
        code,
        redeliveries + 1,
        message);
  }
}
