package io.fynedesk.connector.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A batch of claimed webhook events can outlast the stale timeout while it waits on the Notion
 * budget; another replica then reclaims its last events. Each event is processed by the claim that
 * holds it right before processing: the older claim finds the event moved on and skips it, so it is
 * processed once, not twice (which also spent the Notion budget twice).
 */
class WebhookClaimFenceIT extends AbstractConnectorIT {

  @Autowired JdbcTemplate jdbc;
  @Autowired WebhookClaims claims;

  @Test
  void onlyTheNewestClaimOfAnEventProcessesIt() {
    String id = "evt-fence-" + System.nanoTime();
    OffsetDateTime claimedAt = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(20);
    jdbc.update(
        """
        INSERT INTO notion_webhook_event (id, type, workspace_id, entity_id, entity_type, payload,
            status, attempts, claimed_at, received_at)
        VALUES (?, 'page.properties_updated', 'ws-nobody', ?, 'page', '{}', 'processing', 2, ?, ?)""",
        id,
        "page-" + id,
        claimedAt,
        claimedAt);
    WebhookEvent event =
        new WebhookEvent(
            id, "page.properties_updated", "ws-nobody", "page-" + id, "page", null, "{}");
    ClaimedEvent first = new ClaimedEvent(event, List.of(), 1);
    ClaimedEvent reclaimed = new ClaimedEvent(event, List.of(), 2);

    assertThat(claims.stillClaimed(first)).as("the claim another replica took over").isFalse();
    assertThat(claims.stillClaimed(reclaimed)).as("the claim that holds it").isTrue();
    OffsetDateTime renewed =
        jdbc.queryForObject(
            "SELECT claimed_at FROM notion_webhook_event WHERE id = ?", OffsetDateTime.class, id);
    assertThat(renewed).isAfter(claimedAt.plusSeconds(10));

    jdbc.update("UPDATE notion_webhook_event SET status = 'done' WHERE id = ?", id);
    assertThat(claims.stillClaimed(reclaimed)).as("a finished event").isFalse();
  }
}
