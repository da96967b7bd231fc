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
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the intake: a request thread that finds the writer free stores every row then
 * waiting in one transaction and one statement batch, and answers each of their requests; the
 * others wait for it and find their row stored. A commit (H2's store write, PostgreSQL's WAL flush)
 * is the largest cost of an event; under load one commit now carries many events, with no thread of
 * its own (a dedicated writer thread starved on a busy machine). Every caller still returns only
 * after the commit of its own row, so an event answered 202 survives a crash.
 *
 * <p>If a batch fails as a whole, its rows are retried one by one, so one bad row cannot fail the
 * others. Each org's {@code lastEventAt} is touched once per batch.
 */
@Component
class InboxWriter {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);

  /** Rows per transaction at most; more wait for the next one. */
  private static final int MAX_BATCH = 256;

  private record Pending(NewEvent event, CompletableFuture<Boolean> stored) {}

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
    Pending mine = new Pending(event, new CompletableFuture<>());
    queue.add(mine);
    // Whoever holds the lock drains the queue before it lets go, so once this thread has the lock
    // its row is either stored already or still queued for it to write.
    writing.lock();
    try {
      while (!mine.stored().isDone()) {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
          batch.add(p);
        }
        if (batch.isEmpty()) {
          // Only if a writer died mid-batch without answering (an Error): never spin.
          throw new IllegalStateException("event " + event.id() + " was not stored");
        }
        try {
          write(batch);
        } catch (RuntimeException | Error e) {
          batch.forEach(p -> p.stored().completeExceptionally(e));
          throw e;
        }
      }
    } finally {
      writing.unlock();
    }
    try {
      return mine.stored().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void write(List<Pending> batch) {
    List<NewEvent> events = batch.stream().map(Pending::event).toList();
    boolean[] stored;
    try {
      stored = tx.execute(s -> inbox.insertAll(events));
    } catch (RuntimeException e) {
      LOG.debug("Inbox batch of {} failed, storing its rows one by one", batch.size(), e);
      writeEach(batch);
      return;
    }
    touch(batch, stored);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).stored().complete(stored[i]);
    }
  }

  private void writeEach(List<Pending> batch) {
    boolean[] stored = new boolean[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      try {
        stored[i] = inbox.insert(batch.get(i).event());
      } catch (RuntimeException e) {
        batch.get(i).stored().completeExceptionally(e);
      }
    }
    touch(batch, stored);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).stored().complete(stored[i]);
    }
  }

  /** lastEventAt of each org with a new event in the batch, once per org. */
  private void touch(List<Pending> batch, boolean[] stored) {
    Set<String> orgs = new LinkedHashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      if (stored[i]) {
        orgs.add(batch.get(i).event().orgId());
      }
    }
    for (String org : orgs) {
      try {
        health.eventAccepted(org);
      } catch (RuntimeException e) {
        LOG.warn("Could not record the last event time of org {}: {}", org, e.toString());
      }
    }
  }
}
