package io.fynedesk.connector.inbox;

import io.fynedesk.connector.inbox.InboxRepository.NewEvent;
import io.fynedesk.connector.support.GroupCommit;
import io.fynedesk.connector.support.GroupCommit.Pending;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit ({@link GroupCommit}) for the intake: a request thread that finds the writer free
 * stores every row then waiting in one transaction and one statement batch, and answers each of
 * their requests; the others wait for their own answer and find their row stored. A commit (H2's
 * store write, PostgreSQL's WAL flush) is the largest cost of an event; under load one commit now
 * carries many events, with no thread of its own (a dedicated writer thread starved on a busy
 * machine). Every caller still returns only after the commit of its own row, so an event answered
 * 202 survives a crash.
 *
 * <p>Workers finishing events ({@code done}, {@code ignored}) join the same batches: each event
 * would otherwise cost three commits (insert, claim, finish), and the finishes competed with the
 * intake for the one store.
 *
 * <p>If a batch fails as a whole, its rows are retried one by one, so one bad row cannot fail the
 * others. Each org's {@code lastEventAt} is touched once per batch, in the batch's transaction.
 */
@Component
class InboxWriter {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);

  /** Rows per transaction at most; more wait for the next one. */
  private static final int MAX_BATCH = 256;

  /** A final status for an event, written like {@link InboxRepository#finish}. */
  private record Finish(String id, String status, String note) {}

  /** One queued write: an insert ({@code event}) or a finish; its answer says "new row". */
  private record Write(NewEvent event, Finish finish) {}

  private final InboxRepository inbox;
  private final InboxHealth health;
  private final TransactionTemplate tx;
  private final GroupCommit<Write> commits = new GroupCommit<>(MAX_BATCH, this::write);

  InboxWriter(InboxRepository inbox, InboxHealth health, PlatformTransactionManager transactions) {
    this.inbox = inbox;
    this.health = health;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Stores the event durably; true when it was new, false for a duplicate id. */
  boolean store(NewEvent event) {
    return commits.submit(new Write(event, null));
  }

  /**
   * Finishes an event ({@code done} or {@code ignored} with a note), committed before it returns.
   */
  void finish(String id, String status, String note) {
    commits.submit(new Write(null, new Finish(id, status, note)));
  }

  private void write(List<Pending<Write>> batch) {
    List<NewEvent> events =
        batch.stream().map(p -> p.value().event()).filter(e -> e != null).toList();
    boolean[] stored;
    try {
      stored =
          tx.execute(
              s -> {
                boolean[] inserted = events.isEmpty() ? new boolean[0] : inbox.insertAll(events);
                // lastEventAt in the same transaction: one commit per batch, not two.
                acceptedOrgs(batch, inserted).forEach(health::eventAccepted);
                for (Pending<Write> p : batch) {
                  if (p.value().finish() != null) {
                    inbox.finish(
                        p.value().finish().id(),
                        p.value().finish().status(),
                        p.value().finish().note());
                  }
                }
                return inserted;
              });
    } catch (RuntimeException e) {
      LOG.debug("Inbox batch of {} failed, writing its rows one by one", batch.size(), e);
      writeEach(batch);
      return;
    }
    answer(batch, stored);
  }

  private void writeEach(List<Pending<Write>> batch) {
    boolean[] stored =
        new boolean[(int) batch.stream().filter(p -> p.value().event() != null).count()];
    int i = 0;
    for (Pending<Write> p : batch) {
      try {
        if (p.value().event() != null) {
          stored[i] = inbox.insert(p.value().event());
        } else {
          inbox.finish(
              p.value().finish().id(), p.value().finish().status(), p.value().finish().note());
        }
      } catch (RuntimeException e) {
        p.done().completeExceptionally(e);
      }
      if (p.value().event() != null) {
        i++;
      }
    }
    complete(batch, stored);
  }

  /** The orgs that got a new row in {@code batch}, each once. */
  private static Set<String> acceptedOrgs(List<Pending<Write>> batch, boolean[] stored) {
    Set<String> orgs = new LinkedHashSet<>();
    int i = 0;
    for (Pending<Write> p : batch) {
      if (p.value().event() != null && stored[i++]) {
        orgs.add(p.value().event().orgId());
      }
    }
    return orgs;
  }

  /**
   * After rows written one by one: touches lastEventAt once per org (its failure is only logged),
   * then answers every caller.
   */
  private void complete(List<Pending<Write>> batch, boolean[] stored) {
    for (String org : acceptedOrgs(batch, stored)) {
      try {
        health.eventAccepted(org);
      } catch (RuntimeException e) {
        LOG.warn("Could not record the last event time of org {}: {}", org, e.toString());
      }
    }
    answer(batch, stored);
  }

  /** Answers every caller: true = a new row (or a finish). */
  private static void answer(List<Pending<Write>> batch, boolean[] stored) {
    int i = 0;
    for (Pending<Write> p : batch) {
      p.done().complete(p.value().event() == null || stored[i++]);
    }
  }
}
