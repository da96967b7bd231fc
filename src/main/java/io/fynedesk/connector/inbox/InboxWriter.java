package io.fynedesk.connector.inbox;

import io.fynedesk.connector.inbox.InboxRepository.NewEvent;
import io.fynedesk.connector.support.GroupCommit;
import io.fynedesk.connector.support.GroupCommit.Pending;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
 *
 * <p>In the same transaction the {@link InboxAdmission} (the connection) names the orgs whose
 * events need no worker (no Notion connection): those rows are stored already {@code ignored}, so
 * an event the connector can do nothing with costs one insert, not an insert, a claim and a finish.
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
  private final ObjectProvider<InboxAdmission> admission;
  private final InboxMetrics metrics;
  private final TransactionTemplate tx;
  private final GroupCommit<Write> commits = new GroupCommit<>(MAX_BATCH, this::write);

  InboxWriter(
      InboxRepository inbox,
      InboxHealth health,
      ObjectProvider<InboxAdmission> admission,
      InboxMetrics metrics,
      PlatformTransactionManager transactions) {
    this.inbox = inbox;
    this.health = health;
    this.admission = admission;
    this.metrics = metrics;
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
    Map<String, String> ignored = new HashMap<>();
    try {
      stored =
          tx.execute(
              s -> {
                // Read in the insert's transaction: an org's events are ignored at the door only
                // as its connection stands when they commit.
                ignored.clear();
                ignored.putAll(admit(events));
                boolean[] inserted =
                    events.isEmpty() ? new boolean[0] : inbox.insertAll(events, ignored);
                // lastEventAt in the same transaction: one commit per batch, not two. An org whose
                // events are ignored at the door has no connection health to keep.
                acceptedOrgs(batch, inserted).stream()
                    .filter(org -> !ignored.containsKey(org))
                    .forEach(health::eventAccepted);
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
    countIgnored(events, stored, ignored);
    answer(batch, stored);
  }

  /** The admission's verdict for the orgs of {@code events}: org → note of its ignored events. */
  private Map<String, String> admit(List<NewEvent> events) {
    InboxAdmission gate = admission.getIfAvailable();
    if (gate == null || events.isEmpty()) {
      return Map.of();
    }
    Set<String> orgs = new LinkedHashSet<>();
    events.forEach(e -> orgs.add(e.orgId()));
    return gate.ignoredAtIntake(orgs);
  }

  /** Events stored already ignored are finished: counted as the workers count theirs. */
  private void countIgnored(List<NewEvent> events, boolean[] stored, Map<String, String> ignored) {
    for (int i = 0; i < stored.length; i++) {
      NewEvent e = events.get(i);
      if (stored[i] && ignored.containsKey(e.orgId())) {
        metrics.processed(e.type(), "ignored", e.occurredAt());
      }
    }
  }

  private void writeEach(List<Pending<Write>> batch) {
    List<NewEvent> events =
        batch.stream().map(p -> p.value().event()).filter(e -> e != null).toList();
    boolean[] stored = new boolean[events.size()];
    Map<String, String> ignored = new HashMap<>();
    try {
      ignored.putAll(admit(events));
    } catch (RuntimeException e) {
      LOG.debug("Inbox admission failed; the batch's events wait for a worker", e);
    }
    int i = 0;
    for (Pending<Write> p : batch) {
      try {
        if (p.value().event() != null) {
          stored[i] = inbox.insert(p.value().event(), ignored.get(p.value().event().orgId()));
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
    countIgnored(events, stored, ignored);
    complete(batch, stored, ignored.keySet());
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
  private void complete(List<Pending<Write>> batch, boolean[] stored, Set<String> ignoredOrgs) {
    for (String org : acceptedOrgs(batch, stored)) {
      if (ignoredOrgs.contains(org)) {
        continue;
      }
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
