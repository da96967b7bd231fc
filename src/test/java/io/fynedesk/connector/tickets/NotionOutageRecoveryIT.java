package io.fynedesk.connector.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notion down for 30 s (every request answered 503): the connection's circuit opens, the work is
 * held with no request storm (only the probe goes out), and the first page appears within seconds
 * of Notion answering again.
 */
class NotionOutageRecoveryIT extends HandoffFixture {

  static final Duration OUTAGE = Duration.ofSeconds(30);

  @Autowired TicketLinkRepository links;

  @BeforeEach
  void setUp() {
    setUpHandoff();
  }

  @AfterEach
  void clearFaults() {
    world.sim.clearFaults();
  }

  @Test
  void notionDownFor30SecondsHoldsTheWorkWithoutAStormAndRecoversWithinSeconds() {
    Instant down = Instant.now();
    world.sim.inject(Fault.status(503, "service_unavailable").during(OUTAGE));
    Instant up = down.plus(OUTAGE);
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "T-" + UUID.randomUUID();
      tickets.add(id);
      events.post("ticket.created", org, ticket(id, "Down " + id, "normal", "open"));
    }

    await()
        .atMost(OUTAGE.plusSeconds(60))
        .until(
            () ->
                tickets.stream()
                    .allMatch(
                        t ->
                            links
                                .find(org, t)
                                .map(TicketLinkRepository.Link::linkedBack)
                                .orElse(false)));

    List<RecordedCall> mine =
        world.sim.calls().stream().filter(c -> world.token.equals(c.token())).toList();
    long whileDown =
        mine.stream().filter(c -> !c.at().isBefore(down) && c.at().isBefore(up)).count();
    long probes =
        mine.stream().filter(c -> c.at().isBefore(up) && c.matches("GET", "/v1/users/me")).count();
    Instant firstPage =
        mine.stream()
            .filter(c -> c.matches("POST", "/v1/pages") && c.status() == 200)
            .map(RecordedCall::at)
            .min(Instant::compareTo)
            .orElseThrow();
    Duration recovery = Duration.between(up, firstPage);
    System.out.printf(
        "OUTAGE-FIGURES requestsWhileDown=%d (probes %d) firstPageAfterRecovery=%d ms%n",
        whileDown, probes, recovery.toMillis());

    for (String t : tickets) {
      assertThat(pagesTitled("Down " + t)).isEqualTo(1);
    }
    assertThat(recovery).isLessThanOrEqualTo(Duration.ofSeconds(10));
    // 5 failures open the circuit; then one probe per 2 s: about 20, against hundreds of retries.
    assertThat(whileDown).isLessThanOrEqualTo(30);
    assertThat(http().get("/api/v1/connections/notion/failures", jwt).json().get("items"))
        .isEmpty();
  }
}
