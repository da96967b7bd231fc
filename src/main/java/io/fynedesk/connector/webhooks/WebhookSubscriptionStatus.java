package io.fynedesk.connector.webhooks;

import io.fynedesk.connector.connection.WebhookSubscription;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * {@code health.subscription} from the signing key and the ledger: active within a day of a signed
 * event.
 */
@Component
class WebhookSubscriptionStatus implements WebhookSubscription {

  static final Duration ACTIVE = Duration.ofDays(1);

  private final WebhookKeys keys;
  private final WebhookLedger ledger;

  WebhookSubscriptionStatus(WebhookKeys keys, WebhookLedger ledger) {
    this.keys = keys;
    this.ledger = ledger;
  }

  @Override
  public String status(String workspaceId) {
    if (keys.current().isEmpty()) {
      return "unverified";
    }
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(ACTIVE);
    boolean recent =
        workspaceId != null
            && ledger.lastReceived(workspaceId).filter(t -> t.isAfter(since)).isPresent();
    return recent ? "active" : "quiet";
  }
}
