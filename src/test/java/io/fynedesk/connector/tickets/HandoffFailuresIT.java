package io.fynedesk.connector.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.connection.ConnectionRepository;
import io.fynedesk.connector.connection.TokenVault;
import io.fynedesk.connector.inbox.InboxRepository;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.TicketEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HandoffFailuresIT extends HandoffFixture {

  @Autowired TicketLinkRepository links;

  @Autowired InboxRepository inbox;

  @Autowired ConnectionRepository connections;

  @Autowired TokenVault vault;

  @BeforeEach
  void setUp() {
    setUpHandoff();
  }

  @AfterEach
  void clearFaults() {
    world.sim.clearFaults();
  }

  boolean handedOff(String ticketId) {
    return links.find(org, ticketId).map(TicketLinkRepository.Link::linkedBack).orElse(false);
  }

  @Test
  void notionAnswering503For30SecondsThenRecoveringLosesNothing() {
    world.sim.inject(
        Fault.status(503, "service_unavailable")
            .on("POST", "/v1/pages")
            .during(Duration.ofSeconds(30)));
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "T-" + UUID.randomUUID();
      tickets.add(id);
      events.post("ticket.created", org, ticket(id, "Outage " + id, "normal", "open"));
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> tickets.stream().allMatch(this::handedOff));
    for (String id : tickets) {
      assertThat(pagesTitled("Outage " + id)).isEqualTo(1);
    }
    assertThat(world.sim.calls("POST", "/v1/pages").stream().filter(c -> c.status() == 503).count())
        .isPositive();
    assertThat(http().get("/api/v1/connections/notion/failures", jwt).json().get("items"))
        .isEmpty();
  }

  @Test
  void after429WithRetryAfterNoRequestGoesOutBeforeItElapses() {
    world.sim.inject(Fault.rateLimited(2).on("POST", "/v1/pages").times(3));
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "T-" + UUID.randomUUID();
      tickets.add(id);
      events.post("ticket.created", org, ticket(id, "Storm " + id, "normal", "open"));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> tickets.stream().allMatch(this::handedOff));
    List<RecordedCall> mine =
        world.sim.calls().stream().filter(c -> world.token.equals(c.token())).toList();
    for (int i = 0; i < mine.size(); i++) {
      if (mine.get(i).status() == 429) {
        for (RecordedCall later : mine.subList(i + 1, mine.size())) {
          assertThat(Duration.between(mine.get(i).at(), later.at()))
              .isGreaterThanOrEqualTo(Duration.ofMillis(1990));
        }
        break;
      }
    }
    assertThat(mine.stream().filter(c -> c.status() == 429).count()).isEqualTo(3);
    for (String id : tickets) {
      assertThat(pagesTitled("Storm " + id)).isEqualTo(1);
    }
  }

  @Test
  void revokedTokenParksWorkUntilTheAdminReconnects() {
    world.sim.revokeToken(world.token);
    String ticketId = "T-" + UUID.randomUUID();
    String eventId = "evt_" + UUID.randomUUID();
    events.post(
        TicketEvents.envelope(
            eventId,
            "ticket.created",
            org,
            ticket(ticketId, "Revoked " + ticketId, "high", "open"),
            null));
    await().atMost(Duration.ofSeconds(20)).until(() -> "waiting".equals(inbox.status(eventId)));
    Http.Answer view = http().get("/api/v1/connections/notion", jwt);
    assertThat(view.json().get("state").asText()).isEqualTo("needs_reconnect");
    assertThat(view.json().at("/health/pending").asInt()).isEqualTo(1);
    assertThat(pagesTitled("Revoked " + ticketId)).isZero();
    String newToken = world.token + "_rotated";
    world.sim.token(newToken, world.workspaceId, world.botId, world.kbPageId);
    Http.Answer reconnect =
        http()
            .json(
                "PUT", "/api/v1/connections/notion/token", jwt, "{\"token\":\"" + newToken + "\"}");
    assertThat(reconnect.status()).isEqualTo(200);
    assertThat(reconnect.json().get("state").asText()).isEqualTo("connected");
    await().atMost(Duration.ofSeconds(30)).until(() -> handedOff(ticketId));
    assertThat(pagesTitled("Revoked " + ticketId)).isEqualTo(1);
    assertThat(inbox.status(eventId)).isEqualTo("done");
  }

  /**
   * The reconnect puts parked events back in line; a worker that read the connection as {@code
   * needs_reconnect} a moment before parks its event a moment after. Here the reconnect's write
   * lands without its resume (the resume ran before the park): the event still runs within seconds.
   * Before, it stayed {@code waiting} while the connection showed connected.
   */
  @Test
  void anEventParkedJustAfterTheReconnectStillRuns() {
    world.sim.revokeToken(world.token);
    String ticketId = "T-" + UUID.randomUUID();
    String eventId = "evt_" + UUID.randomUUID();
    events.post(
        TicketEvents.envelope(
            eventId,
            "ticket.created",
            org,
            ticket(ticketId, "Late " + ticketId, "high", "open"),
            null));
    await().atMost(Duration.ofSeconds(20)).until(() -> "waiting".equals(inbox.status(eventId)));
    String newToken = world.token + "_late";
    world.sim.token(newToken, world.workspaceId, world.botId, world.kbPageId);
    connections.saveConnected(
        org, world.workspaceId, "Acme", world.botId, "token", vault.encrypt(org, newToken), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> handedOff(ticketId));
    assertThat(pagesTitled("Late " + ticketId)).isEqualTo(1);
    assertThat(inbox.status(eventId)).isEqualTo("done");
  }

  @Test
  void notionValidationErrorLandsInTheFailureListAndReplays() {
    world.sim.inject(Fault.status(400, "validation_error").on("POST", "/v1/pages").times(1));
    String ticketId = "T-" + UUID.randomUUID();
    events.post("ticket.created", org, ticket(ticketId, "Invalid " + ticketId, "high", "open"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                http().get("/api/v1/connections/notion/failures", jwt).json().get("items").size()
                    == 1);
    JsonNode failure =
        http().get("/api/v1/connections/notion/failures", jwt).json().get("items").get(0);
    assertThat(failure.get("kind").asText()).isEqualTo("ticket_handoff");
    assertThat(failure.get("subjectId").asText()).isEqualTo(ticketId);
    assertThat(failure.get("code").asText()).isEqualTo("validation_error");
    assertThat(failure.get("attempts").asInt()).isEqualTo(1);
    assertThat(failure.get("firstFailedAt").asText()).endsWith("Z");
    Http.Answer health = http().get("/api/v1/connections/notion", jwt);
    assertThat(health.json().at("/health/failures").asInt()).isEqualTo(1);
    assertThat(health.json().at("/health/lastError").asText()).contains("validation_error");
    assertThat(pagesTitled("Invalid " + ticketId)).isZero();
    Http.Answer retry =
        http()
            .json(
                "POST",
                "/api/v1/connections/notion/failures/" + failure.get("id").asText() + "/retry",
                jwt,
                null);
    assertThat(retry.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> handedOff(ticketId));
    assertThat(pagesTitled("Invalid " + ticketId)).isEqualTo(1);
    assertThat(http().get("/api/v1/connections/notion/failures", jwt).json().get("items"))
        .isEmpty();
  }
}
