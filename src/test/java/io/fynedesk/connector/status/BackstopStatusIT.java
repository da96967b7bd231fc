package io.fynedesk.connector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.webhooks.Backstop;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Notion drops the webhook; the backstop (every 2 s here) still brings the ticket to the page's
 * status.
 */
// Its own context (a 2 s backstop), closed after the class so its schedule never runs beside other
// tests.
@TestPropertySource(properties = "connector.backstop.interval=2s")
@DirtiesContext
class BackstopStatusIT extends StatusSyncFixture {

  @Autowired Backstop backstop;

  @AfterEach
  void deliverAgain() {
    Simulators.notion().dropWebhooks(false);
  }

  @Test
  void droppedWebhookIsCaughtByTheBackstopWithinOneInterval() {
    Simulators.notion().dropWebhooks(true);
    world.sim.editPageProperty(pageId, "Status", "Done");
    await().atMost(Duration.ofSeconds(15)).until(() -> "solved".equals(ticketStatus()));
    assertThat(ticketWrites()).isEqualTo(1);
    assertThat(backstop.caughtTotal(org)).isGreaterThanOrEqualTo(1);
  }
}
