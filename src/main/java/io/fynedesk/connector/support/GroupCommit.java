package io.fynedesk.connector.support;

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
import java.util.function.Consumer;

/**
 * Group commit without a thread of its own: a caller that finds the writer free writes every item
 * then waiting as one batch (one transaction, one commit) and answers each; the others wait for
 * their own answer, not on the lock. Every caller returns only after its own item was written, so
 * an answered request survives a crash. The batch writer completes each item's future (true/false
 * as it means, or exceptionally); a batch writer that throws fails the items it left open.
 *
 * @param <T> what one caller asks to write
 */
public final class GroupCommit<T> {

  /** One queued item and the answer its caller waits for. */
  public record Pending<T>(T value, CompletableFuture<Boolean> done) {}

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
    Pending<T> mine = new Pending<>(value, new CompletableFuture<>());
    queue.add(mine);
    while (!mine.done().isDone()) {
      if (writing.tryLock()) {
        // The writer drains until the queue is empty: an item queued while it held the lock is
        // written by it, or (queued after its last look) by its own thread on the next turn.
        try {
          for (List<Pending<T>> batch = next(); !batch.isEmpty(); batch = next()) {
            write(batch);
          }
        } finally {
          writing.unlock();
        }
      } else {
        // Waiters sleep on their own answer, not on the lock: no convoy of threads woken one by
        // one just to let go of it. The bounded wait covers an item queued after the writer's
        // last look at the queue.
        try {
          mine.done().get(1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // Answered (perhaps exceptionally) or not yet: the loop decides.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a group commit", e);
        }
      }
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
    } catch (RuntimeException | Error e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }
}
