package io.fynedesk.connector.webhooks;

import io.fynedesk.connector.support.GroupCommit;
import io.fynedesk.connector.support.GroupCommit.Pending;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit ({@link GroupCommit}) for webhook deliveries, as the event intake does it: a request
 * thread that finds the writer free stores every delivery then waiting in one transaction and one
 * statement batch; the others wait for their own answer. The commit is the largest cost of a
 * delivery, and under 50 concurrent deliveries one commit now carries many. Every caller returns
 * only after the commit of its own row, so a delivery answered 200 survives a crash. A batch that
 * fails as a whole is retried row by row, so one bad row cannot fail the others.
 */
@Component
class WebhookLedgerWriter {

  private static final int MAX_BATCH = 256;

  private final WebhookLedger ledger;
  private final TransactionTemplate tx;
  private final GroupCommit<WebhookLedger.Delivery> commits =
      new GroupCommit<>(MAX_BATCH, this::write);

  WebhookLedgerWriter(WebhookLedger ledger, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Stores the delivery durably; true when it was new, false for a redelivery. */
  boolean store(WebhookEvent event, Integer attempt) {
    return commits.submit(new WebhookLedger.Delivery(event, attempt));
  }

  private void write(List<Pending<WebhookLedger.Delivery>> batch) {
    boolean[] stored;
    try {
      stored = tx.execute(s -> ledger.insertAll(batch.stream().map(Pending::value).toList()));
    } catch (RuntimeException whole) {
      // One by one, each in its own transaction: only the bad row fails.
      for (Pending<WebhookLedger.Delivery> p : batch) {
        try {
          Boolean one = tx.execute(s -> ledger.insert(p.value().event(), p.value().attempt()));
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
