package io.fynedesk.connector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both sides edit one ticket for 60 s, in turn, with both simulators emitting their events: a
 * person sets the page's Status in Notion (the ticket follows through status sync), an agent sets
 * the ticket's status in FyneDesk (the page follows through the hand-off's mapped fields). Every
 * edit is applied once on the other side, and nothing bounces back: the connector's writes come
 * back as Notion webhooks authored by its bot and as FyneDesk events with its origin.
 */
class ConvergenceIT extends StatusSyncFixture {

  static final Duration RUN = Duration.ofSeconds(60);

  /** Person edits in Notion, in turn, and the ticket status each one gives. */
  static final List<Map.Entry<String, String>> NOTION_EDITS =
      List.of(Map.entry("Done", "solved"), Map.entry("Pending", "pending"));

  /** Agent edits in FyneDesk, in turn, and the Notion option each one gives. */
  static final List<Map.Entry<String, String>> FYNEDESK_EDITS =
      List.of(Map.entry("open", "Open"), Map.entry("new", "New"));

  @BeforeEach
  void bothSimulatorsEmit() {
    Http.Answer a =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                TestJwt.admin(org),
                "{\"statusSync\": {\"map\": {\"Done\": \"solved\", \"Pending\": \"pending\"}}}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    Simulators.fynedesk()
        .events("http://127.0.0.1:" + port + "/api/v1/events", "test-events-secret")
        .autoEmit(true);
  }

  @AfterEach
  void fyneDeskQuiet() {
    Simulators.fynedesk().autoEmit(false).events(null, null);
  }

  @Test
  void alternatingEditsOnBothSidesAreEachAppliedOnceWithoutPingPong() {
    List<String> expectedTicketWrites = new ArrayList<>();
    List<String> expectedPageWrites = new ArrayList<>();
    Instant end = Instant.now().plus(RUN);
    for (int i = 0; Instant.now().isBefore(end); i++) {
      Map.Entry<String, String> notion = NOTION_EDITS.get(i % NOTION_EDITS.size());
      world.sim.editPageProperty(pageId, "Status", notion.getKey());
      expectedTicketWrites.add(notion.getValue());
      int n = i;
      await()
          .atMost(Duration.ofSeconds(15))
          .alias("Notion edit " + n + " (" + notion.getKey() + ") reaches the ticket")
          .until(() -> notion.getValue().equals(ticketStatus()));

      Map.Entry<String, String> agent = FYNEDESK_EDITS.get(i % FYNEDESK_EDITS.size());
      Simulators.fynedesk().changeTicketStatus(org, ticketId, agent.getKey());
      expectedPageWrites.add(agent.getValue());
      await()
          .atMost(Duration.ofSeconds(15))
          .alias("FyneDesk edit " + n + " (" + agent.getKey() + ") reaches the page")
          .until(() -> agent.getValue().equals(pageStatus()));
    }
    // Quiet afterwards: every echo has come back and none caused a write.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ticketWriteBodies().size() == expectedTicketWrites.size()
                    && pageWrites().size() == expectedPageWrites.size());
    assertThat(expectedTicketWrites.size()).isGreaterThanOrEqualTo(8);
    assertThat(ticketWriteBodies())
        .as("FyneDesk writes by the connector, in order")
        .containsExactlyElementsOf(
            expectedTicketWrites.stream().map(s -> "{\"status\":\"" + s + "\"}").toList());
    assertThat(pageWrites())
        .as("Notion writes by the connector, in order")
        .extracting(c -> statusIn(c.body()))
        .containsExactlyElementsOf(expectedPageWrites);
    // The agent edited last: both sides end at the agent's status.
    String lastAgentStatus =
        FYNEDESK_EDITS.get((expectedPageWrites.size() - 1) % FYNEDESK_EDITS.size()).getKey();
    assertThat(ticketStatus()).isEqualTo(lastAgentStatus);
    assertThat(pageStatus()).isEqualTo(expectedPageWrites.get(expectedPageWrites.size() - 1));
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM notion_webhook_event WHERE entity_id = ? AND status = 'failed'",
                Long.class,
                pageId))
        .isZero();
  }

  /**
   * FyneDesk does not promise event order: here the echo of the connector's status write is held
   * back until after the agent's next edit has arrived and been picked up. The agent's edit still
   * reaches the page (it waits for the echo instead of comparing against the page as it was before
   * the person's edit), and each side is written once.
   */
  @Test
  void anAgentEditThatOvertakesTheEchoOfTheConnectorsWriteStillReachesThePage() {
    Simulators.fynedesk().holdApiEvents();
    world.sim.editPageProperty(pageId, "Status", "Done");
    await()
        .atMost(Duration.ofSeconds(15))
        .alias("the person's Done reaches the ticket")
        .until(() -> "solved".equals(ticketStatus()));

    Simulators.fynedesk().changeTicketStatus(org, ticketId, "open");
    String agentEvent =
        Simulators.fynedesk()
            .emittedEvents()
            .get(Simulators.fynedesk().emittedEvents().size() - 1)
            .get("id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(15))
        .alias("the agent's edit is picked up by the inbox")
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM inbox_event WHERE id = ? AND attempts > 0",
                        Long.class,
                        agentEvent)
                    == 1);
    // Time enough for the edit to be handled, while the page keeps the person's Done.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> "Done".equals(pageStatus()));

    assertThat(Simulators.fynedesk().releaseApiEvents()).as("held echoes").isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(15))
        .alias("the agent's open reaches the page after the late echo")
        .until(() -> "Open".equals(pageStatus()));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(15))
        .until(() -> ticketWriteBodies().size() == 1 && pageWrites().size() == 1);
    assertThat(ticketWriteBodies()).containsExactly("{\"status\":\"solved\"}");
    assertThat(pageWrites()).extracting(c -> statusIn(c.body())).containsExactly("Open");
    assertThat(ticketStatus()).isEqualTo("open");
  }

  /** An echo that never comes (FyneDesk lost it) holds the agent's edit back only for a while. */
  @Test
  void aLostEchoDelaysTheAgentsEditOnlyForTheEchoWait() {
    Simulators.fynedesk().holdApiEvents();
    world.sim.editPageProperty(pageId, "Status", "Done");
    await()
        .atMost(Duration.ofSeconds(15))
        .alias("the person's Done reaches the ticket")
        .until(() -> "solved".equals(ticketStatus()));
    Instant edited = Instant.now();
    Simulators.fynedesk().changeTicketStatus(org, ticketId, "open");
    await()
        .atMost(Duration.ofSeconds(25))
        .alias("the agent's open reaches the page without its echo")
        .until(() -> "Open".equals(pageStatus()));
    assertThat(Duration.between(edited, Instant.now()))
        .as("waited for the lost echo")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(pageWrites()).extracting(c -> statusIn(c.body())).containsExactly("Open");
  }

  String pageStatus() {
    return world.sim.page(pageId).at("/properties/Status/status/name").asText(null);
  }

  List<String> ticketWriteBodies() {
    return Simulators.fynedesk().calls().stream()
        .filter(
            c ->
                org.equals(c.org())
                    && c.method().equals("PATCH")
                    && c.path().equals("/api/v1/tickets/" + ticketId))
        .map(c -> c.body().replace(" ", ""))
        .toList();
  }

  List<RecordedCall> pageWrites() {
    return world.sim.calls("PATCH", "/v1/pages/" + pageId).stream()
        .filter(c -> c.token().equals(world.token) && c.status() == 200)
        .toList();
  }

  static String statusIn(String body) {
    try {
      return MAPPER.readTree(body).at("/properties/Status/status/name").asText(null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
