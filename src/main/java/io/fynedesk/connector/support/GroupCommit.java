package io.fynedesk.connector.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit without a thread of its own: a caller that finds the writer free writes the items
 * then waiting as batches (one transaction, one commit each) until its own item is written, answers
 * each, and hands the writer's turn to the oldest item still queued; the others sleep until their
 * answer or their turn comes. Every caller returns only after its own item was written, so an
 * answered request survives a crash. The batch writer completes each item's future (true/false as
 * it means, or exceptionally); a batch writer that throws fails the items it left open.
 *
 * <p>Nobody polls: a waiter is woken exactly when its item was written or when it is the oldest in
 * the queue and the writer let go (an earlier version woke every waiter each millisecond to try the
 * lock; under load that cost more CPU than the writes). The hand-off covers the race of an item
 * queued after the writer's last look: the writer looks again after letting go of the lock.
 *
 * @param <T> what one caller asks to write
 */
public final class GroupCommit<T> {

  /** One queued item, the answer its caller waits for, and that caller's thread. */
  public record Pending<T>(T value, CompletableFuture<Boolean> done, Thread caller) {
    Pending(T value) {
      this(value, new CompletableFuture<>(), Thread.currentThread());
    }
  }

  private final int maxBatch;
  private final Consumer<List<Pending<T>>> writer;
  private final Queue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  /** {@code writer} writes one batch of at most {@code maxBatch} items and completes them. */
  public GroupCommit(int maxBatch, Consumer<List<Pending<T>>> writer) {
    this.maxBatch = maxBatch;
    this.writer = writer;
  }

  /** Writes {@code value} (in some caller's batch) and returns its answer. */
  public boolean submit(T value) {
    Pending<T> mine = new Pending<>(value);
    queue.add(mine);
    boolean interrupted = false;
    while (!mine.done().isDone()) {
      if (writing.tryLock()) {
        try {
          // Batches from the head of the queue until this caller's own item is among the written:
          // a writer is never kept writing for others for longer than its own turn.
          while (!mine.done().isDone()) {
            List<Pending<T>> batch = next();
            if (batch.isEmpty()) {
              break;
            }
            write(batch);
          }
        } finally {
          writing.unlock();
        }
        // An item queued while the lock was held, by a caller that then failed to take it, gets
        // its turn now: the oldest waiter becomes the next writer.
        Pending<T> oldest = queue.peek();
        if (oldest != null) {
          LockSupport.unpark(oldest.caller());
        }
      } else {
        // Woken when the item is answered or the caller's turn to write comes (a wake-up that
        // came before the park makes it return at once; a spurious one only loops).
        LockSupport.park(this);
        // An interrupt does not abandon the item (it is queued and will be written, and this
        // caller may be the next writer); it is kept for the caller and set again on return.
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      return mine.done().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private List<Pending<T>> next() {
    List<Pending<T>> batch = new ArrayList<>();
    for (Pending<T> p; batch.size() < maxBatch && (p = queue.poll()) != null; ) {
      batch.add(p);
    }
    return batch;
  }

  private void write(List<Pending<T>> batch) {
    try {
      writer.accept(batch);
      // A batch writer must answer every item; one it left open would keep its caller waiting.
      // (The exception is made only then: a batch that was answered costs no stack trace.)
      for (Pending<T> p : batch) {
        if (!p.done().isDone()) {
          p.done()
              .completeExceptionally(
                  new IllegalStateException("the batch writer left this item unanswered"));
        }
      }
    } catch (RuntimeException | Error e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
    } finally {
      for (Pending<T> p : batch) {
        if (p.caller() != Thread.currentThread()) {
          LockSupport.unpark(p.caller());
        }
      }
    }
  }
}
