package io.fynedesk.connector.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * KB leases live as long as their replica: its heartbeat renews the link leases its attempts hold
 * (an import of a large page can outlast the two-minute lease while it waits on the Notion budget;
 * before, another replica then took the page over and created a second FyneDesk article), and
 * leaves other replicas' leases to run out.
 */
class KbLeasesIT extends AbstractConnectorIT {

  @Autowired JdbcTemplate jdbc;
  @Autowired KbLinks links;
  @Autowired KbQueue queue;

  private String link(String owner, OffsetDateTime until) {
    String org = newOrg();
    String page = "page-" + System.nanoTime();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update(
        """
        INSERT INTO kb_article_link (org_id, page_id, origin, state, owner, lease_owner,
            lease_until, created_at)
        VALUES (?, ?, 'notion', 'linked', 'notion', ?, ?, ?)""",
        org,
        page,
        owner,
        until,
        now);
    return page;
  }

  private OffsetDateTime until(String page) {
    return jdbc.queryForObject(
        "SELECT lease_until FROM kb_article_link WHERE page_id = ?", OffsetDateTime.class, page);
  }

  @Test
  void theHeartbeatRenewsThisReplicasLeasesAndNoOneElses() {
    OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(5);
    String mine = link(links.attempt(), soon);
    String theirs = link("kb-0therrep/" + System.nanoTime(), soon);
    assertThat(queue.heartbeat()).isGreaterThanOrEqualTo(1);
    assertThat(until(mine))
        .isAfter(OffsetDateTime.now(ZoneOffset.UTC).plus(Duration.ofSeconds(90)));
    assertThat(until(theirs)).isBefore(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10));
  }
}
