package io.fynedesk.connector.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for webhook deliveries, as the event intake does it ({@code inbox/InboxWriter}): a
 * request thread that finds the writer free stores every delivery then waiting in one transaction
 * and one statement batch; the others wait for their own answer. The commit is the largest cost of
 * a delivery, and under 50 concurrent deliveries one commit now carries many. Every caller returns
 * only after the commit of its own row, so a delivery answered 200 survives a crash. A batch that
 * fails as a whole is retried row by row, so one bad row cannot fail the others.
 */
@Component
class WebhookLedgerWriter {

  private static final int MAX_BATCH = 256;

  private record Pending(WebhookLedger.Delivery delivery, CompletableFuture<Boolean> done) {}

  private final WebhookLedger ledger;
  private final TransactionTemplate tx;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  WebhookLedgerWriter(WebhookLedger ledger, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Stores the delivery durably; true when it was new, false for a redelivery. */
  boolean store(WebhookEvent event, Integer attempt) {
    Pending mine =
        new Pending(new WebhookLedger.Delivery(event, attempt), new CompletableFuture<>());
    queue.add(mine);
    while (!mine.done().isDone()) {
      if (writing.tryLock()) {
        // The writer drains until the queue is empty: a row queued while it held the lock is
        // written by it, or (queued after its last look) by its own thread on the next turn.
        try {
          for (List<Pending> batch = next(); !batch.isEmpty(); batch = next()) {
            write(batch);
          }
        } finally {
          writing.unlock();
        }
      } else {
        try {
          mine.done().get(1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // Answered (perhaps exceptionally) or not yet: the loop decides.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while storing a webhook delivery", e);
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

  private void write(List<Pending> batch) {
    boolean[] stored;
    try {
      stored = tx.execute(s -> ledger.insertAll(batch.stream().map(Pending::delivery).toList()));
    } catch (RuntimeException whole) {
      // One by one, each in its own transaction: only the bad row fails.
      for (Pending p : batch) {
        try {
          Boolean one =
              tx.execute(s -> ledger.insert(p.delivery().event(), p.delivery().attempt()));
          p.done().complete(Boolean.TRUE.equals(one));
        } catch (RuntimeException e) {
          p.done().completeExceptionally(e);
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(stored[i]);
    }
  }
}
