package io.fynedesk.connector.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.ConnectorProperties;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Claims carry a heartbeat; a claim nobody renews is taken over once it lapses. */
class ClaimHeartbeatIT extends AbstractConnectorIT {

  @Autowired JdbcTemplate jdbc;

  @Autowired InboxRepository inbox;

  String claimedBy(String owner, Duration left) {
    String id = "evt_hb_" + UUID.randomUUID();
    inbox.insert(
        id,
        newOrg(),
        "survey.answered",
        OffsetDateTime.now(ZoneOffset.UTC),
        null,
        "{\"id\":\"" + id + "\",\"data\":{}}");
    jdbc.update(
        "UPDATE inbox_event SET status = 'processing', claimed_by = ?, claimed_until = ? WHERE id = ?",
        owner,
        OffsetDateTime.now(ZoneOffset.UTC).plus(left),
        id);
    return id;
  }

  OffsetDateTime until(String id) {
    return jdbc.queryForObject(
        "SELECT claimed_until FROM inbox_event WHERE id = ?", OffsetDateTime.class, id);
  }

  @Test
  void heartbeatRenewsOnlyTheOwnersClaims() {
    String mine = claimedBy("replica-a", Duration.ofSeconds(60));
    String theirs = claimedBy("replica-b", Duration.ofSeconds(60));
    OffsetDateTime before = until(theirs);
    assertThat(inbox.renew("replica-a", Duration.ofMinutes(10))).isEqualTo(1);
    assertThat(until(mine)).isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(9));
    assertThat(until(theirs)).isEqualTo(before);
  }

  @Test
  void aDeadReplicasClaimIsTakenOverWhenItLapses() {
    String id = claimedBy("dead-replica", Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(15)).until(() -> "ignored".equals(inbox.status(id)));
    assertThat(
            jdbc.queryForObject("SELECT attempts FROM inbox_event WHERE id = ?", Integer.class, id))
        .isEqualTo(1);
  }

  @Test
  void onlyAFileH2WithoutAutoServerIsSingleProcess() {
    assertThat(ClaimRecovery.singleProcess("H2", "jdbc:h2:file:./data/connector;MODE=PostgreSQL"))
        .isTrue();
    assertThat(ClaimRecovery.singleProcess("H2", "jdbc:h2:file:./data/c;AUTO_SERVER=TRUE"))
        .isFalse();
    assertThat(ClaimRecovery.singleProcess("H2", "jdbc:h2:mem:connector")).isFalse();
    assertThat(ClaimRecovery.singleProcess("PostgreSQL", "jdbc:postgresql://db/connector"))
        .isFalse();
  }

  @Test
  void theShippedClaimTimeoutAndLeaseAreShort() {
    ConnectorProperties.Inbox defaults = new ConnectorProperties.Inbox(200, 50, null, null);
    assertThat(defaults.claimTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.heartbeat()).isLessThan(defaults.claimTimeout());
    assertThat(new ConnectorProperties.Handoff(null).lease()).isEqualTo(Duration.ofSeconds(30));
  }
}
