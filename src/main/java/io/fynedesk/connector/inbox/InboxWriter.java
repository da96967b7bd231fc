package io.fynedesk.connector.inbox;

import io.fynedesk.connector.inbox.InboxRepository.NewEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the intake: a request thread that finds the writer free stores every row then
 * waiting in one transaction and one statement batch, and answers each of their requests; the
 * others wait for their own answer and find their row stored. A commit (H2's store write,
 * PostgreSQL's WAL flush) is the largest cost of an event; under load one commit now carries many
 * events, with no thread of its own (a dedicated writer thread starved on a busy machine). Every
 * caller still returns only after the commit of its own row, so an event answered 202 survives a
 * crash.
 *
 * <p>Workers finishing events ({@code done}, {@code ignored}) join the same batches: each event
 * would otherwise cost three commits (insert, claim, finish), and the finishes competed with the
 * intake for the one store.
 *
 * <p>If a batch fails as a whole, its rows are retried one by one, so one bad row cannot fail the
 * others. Each org's {@code lastEventAt} is touched once per batch.
 */
@Component
class InboxWriter {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);

  /** Rows per transaction at most; more wait for the next one. */
  private static final int MAX_BATCH = 256;

  /** A final status for an event, written like {@link InboxRepository#finish}. */
  private record Finish(String id, String status, String note) {}

  /** One queued write: an insert ({@code event}) or a finish; {@code done} says "new row". */
  private record Pending(NewEvent event, Finish finish, CompletableFuture<Boolean> done) {}

  private final InboxRepository inbox;
  private final InboxHealth health;
  private final TransactionTemplate tx;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  InboxWriter(InboxRepository inbox, InboxHealth health, PlatformTransactionManager transactions) {
    this.inbox = inbox;
    this.health = health;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Stores the event durably; true when it was new, false for a duplicate id. */
  boolean store(NewEvent event) {
    return submit(new Pending(event, null, new CompletableFuture<>()));
  }

  /**
   * Finishes an event ({@code done} or {@code ignored} with a note), committed before it returns.
   */
  void finish(String id, String status, String note) {
    submit(new Pending(null, new Finish(id, status, note), new CompletableFuture<>()));
  }

  private boolean submit(Pending mine) {
    queue.add(mine);
    while (!mine.done().isDone()) {
      if (writing.tryLock()) {
        // The writer drains until the queue is empty, so a row queued while it held the lock is
        // written by it, or (queued after its last look) by its own thread on the next turn.
        try {
          for (List<Pending> batch = next(); !batch.isEmpty(); batch = next()) {
            writeOrFail(batch);
          }
        } finally {
          writing.unlock();
        }
      } else {
        // Waiters sleep on their own answer, not on the lock: no convoy of threads woken one by
        // one just to let go of it. The bounded wait covers a row queued after the writer's last
        // look at the queue.
        try {
          mine.done().get(1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // Answered (exceptionally) or not yet: the loop decides.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing to the inbox", e);
        }
      }
    }
    try {
      return mine.done().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private List<Pending> next() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
      batch.add(p);
    }
    return batch;
  }

  private void writeOrFail(List<Pending> batch) {
    try {
      write(batch);
    } catch (RuntimeException | Error e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
      throw e;
    }
  }

  private void write(List<Pending> batch) {
    List<NewEvent> events = batch.stream().map(Pending::event).filter(e -> e != null).toList();
    boolean[] stored;
    try {
      stored =
          tx.execute(
              s -> {
                boolean[] inserted = events.isEmpty() ? new boolean[0] : inbox.insertAll(events);
                for (Pending p : batch) {
                  if (p.finish() != null) {
                    inbox.finish(p.finish().id(), p.finish().status(), p.finish().note());
                  }
                }
                return inserted;
              });
    } catch (RuntimeException e) {
      LOG.debug("Inbox batch of {} failed, writing its rows one by one", batch.size(), e);
      writeEach(batch);
      return;
    }
    complete(batch, stored);
  }

  private void writeEach(List<Pending> batch) {
    boolean[] stored = new boolean[(int) batch.stream().filter(p -> p.event() != null).count()];
    int i = 0;
    for (Pending p : batch) {
      try {
        if (p.event() != null) {
          stored[i] = inbox.insert(p.event());
        } else {
          inbox.finish(p.finish().id(), p.finish().status(), p.finish().note());
        }
      } catch (RuntimeException e) {
        p.done().completeExceptionally(e);
      }
      if (p.event() != null) {
        i++;
      }
    }
    complete(batch, stored);
  }

  /** Answers every caller (true = a new row) and touches lastEventAt once per org. */
  private void complete(List<Pending> batch, boolean[] stored) {
    Set<String> orgs = new LinkedHashSet<>();
    int i = 0;
    for (Pending p : batch) {
      if (p.event() != null && stored[i++]) {
        orgs.add(p.event().orgId());
      }
    }
    for (String org : orgs) {
      try {
        health.eventAccepted(org);
      } catch (RuntimeException e) {
        LOG.warn("Could not record the last event time of org {}: {}", org, e.toString());
      }
    }
    i = 0;
    for (Pending p : batch) {
      p.done().complete(p.event() == null || stored[i++]);
    }
  }
}
