package io.fynedesk.connector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import io.fynedesk.connector.webhooks.WebhookKeys;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An org with a ticket handed off to a Notion page, status sync on, and the simulator subscribed.
 */
abstract class StatusSyncFixture extends AbstractConnectorIT {

  static final String SETTINGS =
      """
      {"enabled": true,
       "ticketHandoff": {"enabled": true, "dataSourceId": "%s", "triggers": ["created"],
         "propertyMap": {"priority": "Priority", "status": "Status"}},
       "statusSync": {"enabled": %s, "property": "Status", "map": {"Done": "solved", "Reopened": "action:reopen"}}}
      """;
  static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  @Autowired WebhookKeys keys;

  @Autowired JdbcTemplate jdbc;

  NotionWorld world;
  String org;
  String ticketId;
  String pageId;

  @BeforeEach
  void ticketWithAPage() throws Exception {
    keys.clear();
    String url = "http://127.0.0.1:" + port + "/webhooks/notion";
    Simulators.notion().subscribe(url, Simulators.notion().sendHandshake(url));
    world = newWorld();
    org = newOrg();
    connect(org, world);
    settings(true);
    ticketId = "T-" + UUID.randomUUID().toString().substring(0, 8);
    String subject = "Status sync " + ticketId;
    String json = TicketEvents.ticketJson(ticketId, subject, "high", "open");
    Simulators.fynedesk().addTicket(org, MAPPER.readValue(json, Ticket.class));
    new TicketEvents(http()).post("ticket.created", org, json);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                world.sim.rows(world.dataSourceId).stream()
                    .anyMatch(
                        id ->
                            subject.equals(
                                world
                                    .sim
                                    .page(id)
                                    .at("/properties/Name/title/0/plain_text")
                                    .asText())));
    pageId = world.sim.rows(world.dataSourceId).get(0);
  }

  @AfterEach
  void unsubscribe() {
    Simulators.notion().unsubscribeAll();
  }

  void settings(boolean statusSync) {
    Http.Answer a =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                TestJwt.admin(org),
                SETTINGS.formatted(world.dataSourceId, statusSync));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  String ticketStatus() {
    return Simulators.fynedesk().ticket(org, ticketId).orElseThrow().status();
  }

  long ticketWrites() {
    return Simulators.fynedesk().calls().stream()
        .filter(
            c ->
                org.equals(c.org())
                    && c.path().equals("/api/v1/tickets/" + ticketId)
                    && c.method().equals("PATCH"))
        .count();
  }

  long pageEventsDone() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM notion_webhook_event WHERE entity_id = ? AND status IN"
            + " ('done', 'ignored', 'echo')",
        Long.class,
        pageId);
  }
}
