package io.fynedesk.connector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.webhooks.Backstop;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Notion drops the webhook; the backstop (every 2 s here) catches the change in its first fire
 * after it: a ticket page's status through status sync, another shared page through the page hooks
 * of KB import and the AI source.
 */
// Its own context (a 2 s backstop), closed after the class so its schedule never runs beside other
// tests.
@TestPropertySource(properties = "connector.backstop.interval=2s")
@DirtiesContext
class BackstopStatusIT extends StatusSyncFixture {

  static final String PROPS = "page.properties_updated";

  @Autowired Backstop backstop;

  @Autowired CamelContext camel;

  @AfterEach
  void deliverAgain() {
    Simulators.notion().clearWebhookFaults();
  }

  @Test
  void droppedWebhookIsCaughtByTheFirstBackstopFireAfterTheEdit() {
    // The hand-off's page.created webhook has arrived and a whole fire has seen the page since.
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Simulators.notion().webhookDeliveries().stream()
                    .anyMatch(d -> "page.created".equals(d.type()) && d.body().contains(pageId)));
    OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(10)).until(() -> fires(created) >= 1);
    Simulators.notion().dropNextWebhooks(PROPS, 1);
    long caughtBefore = backstop.caughtTotal(org);
    world.sim.editPageProperty(pageId, "Status", "Done");
    OffsetDateTime edited = OffsetDateTime.now(ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(10)).until(() -> firstFireFinishedAfter(edited) != null);
    // That fire ran the status sync before it finished: the ticket is solved by then.
    assertThat(ticketStatus()).isEqualTo("solved");
    assertThat(ticketWrites()).isEqualTo(1);
    assertThat(backstop.caughtTotal(org)).isEqualTo(caughtBefore + 1);
    assertThat(Simulators.notion().webhookDeliveries())
        .noneMatch(d -> PROPS.equals(d.type()) && d.body().contains(pageId));
  }

  @Test
  void aSharedPageChangedWithoutWebhookReachesThePageHooks() {
    // One whole fire first, so every page of the new workspace has been seen once.
    OffsetDateTime setUp = OffsetDateTime.now(ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(10)).until(() -> fires(setUp) >= 1);
    Simulators.notion().dropNextWebhooks(PROPS, 1);
    long kb = exchanges("kb-notion-page");
    long ai = exchanges("knowledge-notion-page");
    String seenBefore = seenHash(world.kbPageId);
    // Not a row of the hand-off data source: only Notion search finds it.
    world.sim.editPageProperty(world.kbPageId, "title", "Knowledge base (renamed)");
    OffsetDateTime edited = OffsetDateTime.now(ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(10)).until(() -> firstFireFinishedAfter(edited) != null);
    assertThat(seenHash(world.kbPageId)).isNotEqualTo(seenBefore);
    assertThat(exchanges("kb-notion-page")).isGreaterThan(kb);
    assertThat(exchanges("knowledge-notion-page")).isGreaterThan(ai);
    // Found once: later fires see the same hash and count nothing more for this org. (The route
    // counters are shared with every org of the context, so they cannot show "nothing more".)
    long caughtAfter = backstop.caughtTotal(org);
    String seenAfter = seenHash(world.kbPageId);
    OffsetDateTime found = OffsetDateTime.now(ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(15)).until(() -> fires(found) >= 2);
    assertThat(backstop.caughtTotal(org)).isEqualTo(caughtAfter);
    assertThat(seenHash(world.kbPageId)).isEqualTo(seenAfter);
  }

  long exchanges(String routeId) {
    return camel
        .getCamelContextExtension()
        .getContextPlugin(ManagedCamelContext.class)
        .getManagedRoute(routeId)
        .getExchangesTotal();
  }

  String seenHash(String page) {
    return jdbc
        .queryForList(
            "SELECT content_hash FROM backstop_seen WHERE page_id = ?", String.class, page)
        .stream()
        .findFirst()
        .orElse(null);
  }

  OffsetDateTime firstFireFinishedAfter(OffsetDateTime t) {
    return jdbc
        .queryForList(
            "SELECT finished_at FROM backstop_run WHERE started_at > ? AND finished_at IS NOT NULL"
                + " ORDER BY started_at",
            OffsetDateTime.class,
            t)
        .stream()
        .findFirst()
        .orElse(null);
  }

  long fires(OffsetDateTime since) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM backstop_run WHERE started_at > ? AND finished_at IS NOT NULL",
        Long.class,
        since);
  }
}
