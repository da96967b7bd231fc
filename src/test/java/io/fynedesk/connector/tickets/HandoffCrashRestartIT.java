package io.fynedesk.connector.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.support.ChildConnector;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector is killed (SIGKILL) after Notion created a ticket's page and before the connector
 * recorded it; after a restart on the same database there is still exactly one page, and the link
 * is recorded and sent to FyneDesk.
 */
class HandoffCrashRestartIT {

  @TempDir Path workDir;

  @Test
  void killAfterNotionCreatedThePageThenRestartStillGivesOnePage() throws Exception {
    crashThenRestart(
        Map.of("CONNECTOR_INBOX_CLAIM_TIMEOUT", "3s", "CONNECTOR_HANDOFF_LEASE", "3s"),
        Duration.ofSeconds(60));
  }

  /**
   * With the shipped claim timeout and lease (no test shortcuts), the restarted connector on the
   * embedded H2 takes the dead run's claim and lease back at once: one page and the link within 30
   * s.
   */
  @Test
  void withDefaultLeasesTheRestartedConnectorLinksTheTicketWithin30Seconds() throws Exception {
    crashThenRestart(Map.of(), Duration.ofSeconds(30));
  }

  private void crashThenRestart(Map<String, String> leases, Duration linkWithin) throws Exception {
    NotionSimulator notion = Simulators.notion();
    FyneDeskSimulator fynedesk = Simulators.fynedesk();
    NotionWorld world = new NotionWorld(notion);
    String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
    String ticketId = "T-" + UUID.randomUUID();
    String subject = "Crash " + ticketId;
    Map<String, String> env = new HashMap<>(leases);
    env.putAll(
        Map.of(
            "NOTION_API_BASE_URL",
            notion.baseUrl(),
            "FYNEDESK_API_BASE_URL",
            fynedesk.baseUrl(),
            "FYNEDESK_API_TOKEN",
            FyneDeskSimulator.DEFAULT_TOKEN,
            "CONNECTOR_INBOX_POLL_DELAY_MS",
            "100",
            "CONNECTOR_RETRY_REDELIVERY_DELAY_MS",
            "200",
            "CONNECTOR_RETRY_MAX_DELAY_MS",
            "2000"));
    String jwt =
        TestJwt.token(
            ChildConnector.SECRETS.get("CONNECTOR_SECURITY_JWT_SECRET"),
            org,
            "admin",
            "pro",
            Instant.now().plusSeconds(600));
    String ticket = TicketEvents.ticketJson(ticketId, subject, "high", "open");
    fynedesk.addTicket(
        org, new ObjectMapper().findAndRegisterModules().readValue(ticket, Ticket.class));

    ChildConnector first = ChildConnector.start(workDir, env);
    try {
      assertThat(
              first
                  .http
                  .json(
                      "PUT",
                      "/api/v1/connections/notion/token",
                      jwt,
                      "{\"token\":\"" + world.token + "\"}")
                  .status())
          .isEqualTo(200);
      assertThat(
              first
                  .http
                  .json(
                      "PATCH",
                      "/api/v1/connections/notion/settings",
                      jwt,
                      "{\"enabled\":true,\"ticketHandoff\":{\"enabled\":true,\"dataSourceId\":\""
                          + world.dataSourceId
                          + "\",\"propertyMap\":{\"priority\":\"Priority\"}}}")
                  .status())
          .isEqualTo(200);
      // Notion creates the page, then its answer is 60 s late: the connector dies in that window.
      notion.inject(
          Fault.latency(Duration.ofSeconds(60)).on("POST", "/v1/pages").afterHandling().times(1));
      byte[] body =
          TicketEvents.envelope("evt_" + UUID.randomUUID(), "ticket.created", org, ticket, null)
              .getBytes(StandardCharsets.UTF_8);
      Http.Answer accepted =
          first.http.send(
              "POST",
              "/api/v1/events",
              body,
              Map.of(
                  "Content-Type",
                  "application/json",
                  "X-FyneDesk-Signature",
                  Hmac.sign(ChildConnector.SECRETS.get("FYNEDESK_EVENTS_SECRET"), body)));
      assertThat(accepted.status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(30)).until(() -> pages(world, subject) == 1);
    } finally {
      first.kill();
    }
    assertThat(fynedesk.links(org, ticketId)).isEmpty();

    try (ChildConnector second = ChildConnector.start(workDir, env)) {
      await().atMost(linkWithin).until(() -> fynedesk.links(org, ticketId).size() == 1);
      // The restarted connector found the page the killed one had Notion create, and created none.
      assertThat(pages(world, subject)).isEqualTo(1);
      assertThat(fynedesk.links(org, ticketId).get(0).externalId())
          .isEqualTo(onlyPage(world, subject));
    }
  }

  static long pages(NotionWorld world, String subject) {
    return world.sim.rows(world.dataSourceId).stream()
        .filter(
            id ->
                subject.equals(
                    world.sim.page(id).at("/properties/Name/title/0/plain_text").asText()))
        .count();
  }

  static String onlyPage(NotionWorld world, String subject) {
    return world.sim.rows(world.dataSourceId).stream()
        .filter(
            id ->
                subject.equals(
                    world.sim.page(id).at("/properties/Name/title/0/plain_text").asText()))
        .findFirst()
        .orElseThrow();
  }
}
