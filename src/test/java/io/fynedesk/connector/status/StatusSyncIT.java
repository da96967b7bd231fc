package io.fynedesk.connector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A person changes a ticket page's Status in Notion; the webhook makes the ticket follow, once. */
class StatusSyncIT extends StatusSyncFixture {

  @Test
  void personSettingDoneSolvesTheTicketOnce() {
    world.sim.editPageProperty(pageId, "Status", "Done");
    await().atMost(Duration.ofSeconds(15)).until(() -> "solved".equals(ticketStatus()));
    assertThat(ticketWrites()).isEqualTo(1);
    assertThat(Simulators.fynedesk().calls())
        .filteredOn(c -> c.method().equals("PATCH") && org.equals(c.org()))
        .allMatch(c -> "notion-connector".equals(c.origin()));
  }

  @Test
  void sameChangeDeliveredAgainWritesNothingMore() throws Exception {
    world.sim.editPageProperty(pageId, "Status", "Done");
    await().atMost(Duration.ofSeconds(15)).until(() -> "solved".equals(ticketStatus()));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Simulators.notion().webhookDeliveries().stream()
                    .anyMatch(
                        d -> d.body() != null && d.body().contains(pageId) && d.status() == 200));
    String delivered =
        Simulators.notion().webhookDeliveries().stream()
            .filter(d -> d.body() != null && d.body().contains(pageId) && d.status() == 200)
            .reduce((a, b) -> b)
            .orElseThrow()
            .body();
    String redelivery =
        MAPPER
            .readTree(delivered)
            .deepCopy()
            .toString()
            .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"redelivered-" + UUID.randomUUID() + "\"");
    long before = pageEventsDone();
    byte[] body = redelivery.getBytes(StandardCharsets.UTF_8);
    Http.Answer a =
        http()
            .send(
                "POST",
                "/webhooks/notion",
                body,
                Map.of(
                    "Content-Type",
                    "application/json",
                    "X-Notion-Signature",
                    Hmac.sign(keys.current().orElseThrow(), body)));
    assertThat(a.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> pageEventsDone() > before);
    assertThat(ticketWrites()).isEqualTo(1);
  }

  @Test
  void reopenedRunsTheReopenAction() {
    world.sim.editPageProperty(pageId, "Status", "Done");
    await().atMost(Duration.ofSeconds(15)).until(() -> "solved".equals(ticketStatus()));
    world.sim.editPageProperty(pageId, "Status", "Reopened");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Simulators.fynedesk().actions(org, ticketId).contains("reopen"));
  }

  @Test
  void statusSyncOffChangesNothing() {
    settings(false);
    world.sim.editPageProperty(pageId, "Status", "Done");
    await().atMost(Duration.ofSeconds(15)).until(() -> pageEventsDone() > 0);
    assertThat(ticketStatus()).isEqualTo("open");
    assertThat(ticketWrites()).isZero();
  }
}
