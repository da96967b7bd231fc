package io.fynedesk.connector.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.AbstractConnectorIT;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A backlog drains at the workers' pace: a poll that claimed events polls again as soon as a worker
 * is free, instead of waiting the poll delay each time. Before, a replica took at most {@code
 * workers} events per poll delay (8 per 200 ms = 40 events/s, whatever the events cost).
 */
@TestPropertySource(properties = {"connector.inbox.poll-delay-ms=3000"})
class InboxBacklogIT extends AbstractConnectorIT {

  @Autowired InboxRepository inbox;

  @Autowired JdbcTemplate jdbc;

  @Autowired CamelContext camel;

  private ManagedRouteMBean poller() {
    return camel
        .getCamelContextExtension()
        .getContextPlugin(ManagedCamelContext.class)
        .getManagedRoute("inbox-poll");
  }

  @Test
  void aBacklogIsNotPacedByThePollDelay() {
    String org = newOrg();
    List<String> ids = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < 120; i++) {
      String id = "evt_backlog_" + UUID.randomUUID();
      ids.add(id);
      inbox.insert(id, org, "survey.answered", now, null, "{\"id\":\"" + id + "\",\"data\":{}}");
    }
    // 120 events at 8 per 3 s poll would take 45 s; at the workers' pace they take well under one
    // poll delay each for the first claim to see them, then no more waiting.
    await()
        .atMost(Duration.ofSeconds(12))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM inbox_event WHERE org_id = ? AND status = 'ignored'",
                        Integer.class,
                        org)
                    == ids.size());
    assertThat(
            jdbc.queryForObject(
                "SELECT MAX(attempts) FROM inbox_event WHERE org_id = ?", Integer.class, org))
        .isEqualTo(1);

    // Once the backlog is gone the poller is back to one poll per delay (3 s here): no spinning,
    // and no poll failed.
    long polls = poller().getExchangesTotal();
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> poller().getExchangesTotal() - polls <= 3);
    assertThat(poller().getExchangesFailed()).isZero();
  }
}
