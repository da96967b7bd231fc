package io.fynedesk.connector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.simulator.notion.WebhookDelivery;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notion's delivery quirks against status sync: redeliveries, out-of-order events, bursts folded by
 * the per-entity debounce, and a person's edit folded into the connector's own echo.
 */
class StatusSyncDeliveryIT extends StatusSyncFixture {

  static final String PROPS = "page.properties_updated";

  /** The page.created event of the hand-off is delivered and settled before each test starts. */
  @BeforeEach
  void pageCreatedSettled() {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Simulators.notion().webhookDeliveries().stream()
                        .anyMatch(
                            d ->
                                "page.created".equals(d.type())
                                    && d.body().contains(pageId)
                                    && d.status() == 200)
                    && jdbc.queryForObject(
                            "SELECT COUNT(*) FROM notion_webhook_event WHERE entity_id = ? AND"
                                + " status IN ('received', 'processing')",
                            Long.class,
                            pageId)
                        == 0);
    pageReadsBefore = world.sim.calls("GET", "/v1/pages/" + pageId).size();
  }

  int pageReadsBefore;

  @AfterEach
  void plainDelivery() {
    Simulators.notion().clearWebhookFaults();
  }

  @Test
  void oneEventDeliveredFiveTimesGivesOneFyneDeskWrite() {
    Simulators.notion().deliverEachWebhook(5);
    world.sim.editPageProperty(pageId, "Status", "Done");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> deliveriesAbout(pageId).size() >= 5 && "solved".equals(ticketStatus()));
    List<WebhookDelivery> five = deliveriesAbout(pageId);
    assertThat(five).extracting(WebhookDelivery::eventId).containsOnly(five.get(0).eventId());
    assertThat(five).extracting(WebhookDelivery::attempt).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(five).extracting(WebhookDelivery::status).containsOnly(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> pageEventsSettled() == 1);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM notion_webhook_event WHERE id = ?",
                Long.class,
                five.get(0).eventId()))
        .isEqualTo(1);
    assertThat(ticketWrites()).isEqualTo(1);
  }

  @Test
  void twoEventsDeliveredNewestFirstEndAtTheCurrentNotionState() {
    statusMap("{\"Done\": \"solved\", \"Pending\": \"pending\"}");
    Simulators.notion().holdWebhooks(PROPS);
    world.sim.editPageProperty(pageId, "Status", "Done");
    await().atMost(Duration.ofSeconds(10)).until(() -> Simulators.notion().heldWebhooks() == 1);
    world.sim.editPageProperty(pageId, "Status", "Pending");
    await().atMost(Duration.ofSeconds(10)).until(() -> Simulators.notion().heldWebhooks() == 2);
    Simulators.notion().releaseWebhooksNewestFirst();
    await().atMost(Duration.ofSeconds(15)).until(() -> "pending".equals(ticketStatus()));
    List<WebhookDelivery> delivered = deliveriesAbout(pageId);
    assertThat(delivered).hasSize(2);
    assertThat(timestamp(delivered.get(0))).isAfter(timestamp(delivered.get(1)));
    await().atMost(Duration.ofSeconds(10)).until(() -> pageEventsSettled() == 2);
    assertThat(ticketWrites()).isEqualTo(1);
    assertThat(patchBodies()).noneMatch(b -> b.contains("solved"));
  }

  @Test
  void aBurstOfEventsAboutOnePageIsProcessedOnce() {
    Simulators.notion().dropNextWebhooks(PROPS, 1);
    world.sim.editPageProperty(pageId, "Status", "Done");
    List<String> ids = List.of(post("person"), post("person"), post("person"));
    await().atMost(Duration.ofSeconds(15)).until(() -> pageEventsSettled() == 3);
    assertThat(statuses(ids)).containsExactly("coalesced", "coalesced", "done");
    assertThat(
            jdbc.queryForList(
                "SELECT coalesced_into FROM notion_webhook_event WHERE id IN (?, ?)",
                String.class,
                ids.get(0),
                ids.get(1)))
        .containsOnly(ids.get(2));
    assertThat(ticketStatus()).isEqualTo("solved");
    assertThat(ticketWrites()).isEqualTo(1);
    // One page read for the three events: the debounce saves Notion requests.
    assertThat(world.sim.calls("GET", "/v1/pages/" + pageId)).hasSize(pageReadsBefore + 1);
  }

  @Test
  void aPersonsEditFoldedIntoTheConnectorsOwnEchoIsStillApplied() {
    Simulators.notion().dropNextWebhooks(PROPS, 1);
    world.sim.editPageProperty(pageId, "Status", "Done");
    List<String> ids = List.of(post("person"), post("bot"));
    await().atMost(Duration.ofSeconds(15)).until(() -> "solved".equals(ticketStatus()));
    await().atMost(Duration.ofSeconds(10)).until(() -> pageEventsSettled() == 2);
    assertThat(statuses(ids)).containsExactly("coalesced", "done");
  }

  @Test
  void theConnectorsOwnEchoAloneIsNotActedOn() {
    Simulators.notion().dropNextWebhooks(PROPS, 1);
    world.sim.editPageProperty(pageId, "Status", "Done");
    String id = post("bot");
    await().atMost(Duration.ofSeconds(10)).until(() -> pageEventsSettled() == 1);
    assertThat(statuses(List.of(id))).containsExactly("echo");
    assertThat(ticketWrites()).isZero();
  }

  // ---- helpers -------------------------------------------------------------------------------

  void statusMap(String map) {
    Http.Answer a =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                TestJwt.admin(org),
                "{\"statusSync\": {\"map\": " + map + "}}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  /**
   * Posts a signed page.properties_updated event about the page, authored by a person or the bot.
   */
  String post(String author) {
    String id = "evt-" + UUID.randomUUID();
    String authorId = author.equals("bot") ? world.botId : world.aliceId();
    String json =
        """
        {"id":"%s","timestamp":"%s","workspace_id":"%s","workspace_name":"Acme","subscription_id":"s",
         "integration_id":"i","type":"page.properties_updated","authors":[{"id":"%s","type":"%s"}],
         "attempt_number":1,"api_version":"2025-09-03","entity":{"id":"%s","type":"page"},
         "data":{"parent":{"id":"%s","type":"data_source"},"updated_properties":["Status"]}}"""
            .formatted(
                id, Instant.now(), world.workspaceId, authorId, author, pageId, world.dataSourceId);
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
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
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return id;
  }

  List<WebhookDelivery> deliveriesAbout(String page) {
    return Simulators.notion().webhookDeliveries().stream()
        .filter(d -> PROPS.equals(d.type()) && d.body().contains(page))
        .toList();
  }

  static Instant timestamp(WebhookDelivery d) {
    try {
      return Instant.parse(MAPPER.readTree(d.body()).path("timestamp").asText());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  long pageEventsSettled() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM notion_webhook_event WHERE entity_id = ? AND type = ? AND status IN"
            + " ('done', 'ignored', 'echo', 'coalesced')",
        Long.class,
        pageId,
        PROPS);
  }

  List<String> statuses(List<String> ids) {
    return ids.stream()
        .map(
            i ->
                jdbc.queryForObject(
                    "SELECT status FROM notion_webhook_event WHERE id = ?", String.class, i))
        .toList();
  }

  List<String> patchBodies() {
    return Simulators.fynedesk().calls().stream()
        .filter(
            c ->
                org.equals(c.org())
                    && c.method().equals("PATCH")
                    && c.path().equals("/api/v1/tickets/" + ticketId))
        .map(c -> String.valueOf(c.body()))
        .toList();
  }
}
