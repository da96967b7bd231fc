package io.fynedesk.connector.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.support.Simulators;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Trashing a mirror, archiving an article and flagging a wrong-side edit write the link only while
 * holding its lock: while another worker (an import or publish on another replica) holds it, they
 * change nothing and are retried, and once it is released they land. Before, they wrote at once,
 * and the holder's save then put back what it had read (a wrong-side flag overwritten by an
 * import's content hash left the wrong-side edit in place).
 */
class KbLockedWritesIT extends KbFixture {

  @Autowired KbLinks links;
  @Autowired JdbcTemplate jdbc;

  private static final String BODY = "<p>Step one.</p><p>Step two.</p>";
  private static final Duration HELD = Duration.ofSeconds(2);

  String publish(String title, String owner) {
    return publishMirrored(title, owner, BODY);
  }

  /** Holds the page's link as another worker would, runs {@code whileHeld}, then releases it. */
  void holding(String page, Runnable whileHeld) {
    String worker = links.attempt();
    assertThat(links.lock(org, page, worker, Duration.ofMinutes(1))).isTrue();
    try {
      whileHeld.run();
    } finally {
      links.unlock(org, page, worker);
    }
  }

  @Test
  void anUnpublishWaitsForTheWorkerHoldingTheMirror() {
    String id = publish("Held mirror", "fynedesk");
    String page = mirrorPages("Held mirror").get(0);
    holding(
        page,
        () -> {
          Simulators.fynedesk().unpublishArticle(org, id);
          await()
              .during(HELD)
              .atMost(HELD.plusSeconds(5))
              .until(() -> !world.sim.page(page).path("in_trash").asBoolean());
        });
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                world.sim.page(page).path("in_trash").asBoolean()
                    && links.byPage(org, page).orElseThrow().trashed());
  }

  @Test
  void aWrongSideEditWhileTheLinkIsHeldIsFlaggedOnceReleasedAndUndone() {
    String id = publish("Held wrong side", "notion");
    String page = mirrorPages("Held wrong side").get(0);
    holding(
        page,
        () -> {
          Simulators.fynedesk().editArticle(org, id, null, "<p>Agent rewrote it.</p>");
          await()
              .during(HELD)
              .atMost(HELD.plusSeconds(5))
              .until(() -> !links.byPage(org, page).orElseThrow().mirrorEdited());
        });
    awaitWrongSideEditUndone(id, "Step two.", "Agent");
  }

  @Test
  void aTrashedSourceIsArchivedOnceTheImportHoldingItLetsGo() {
    String source = world.sim.seedPage(world.workspaceId, world.kbPageId, "Held policy");
    world.sim.seedBlocks(source, List.of(KbImportIT.paragraph("Old text.")));
    settings(
        """
        {"enabled": true, "kbSync": {"importEnabled": true, "importSources": ["%s"]}}"""
            .formatted(source));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> links.byPage(org, source).map(l -> l.articleId() != null).orElse(false));
    String article = links.byPage(org, source).orElseThrow().articleId();
    holding(
        source,
        () -> {
          world.sim.trashPageAsPerson(source, true);
          // The import of the trashed page ran and found the link held (a busy attempt, retried).
          await().atMost(Duration.ofSeconds(20)).until(() -> busyAttempts(source) >= 1);
          assertThat(status(article)).isEqualTo("published");
          assertThat(links.byPage(org, source).orElseThrow().trashed()).isFalse();
        });
    // The article is archived, then the link saved as trashed: both, once the holder let go.
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "archived".equals(status(article))
                    && links.byPage(org, source).orElseThrow().trashed());
  }

  int busyAttempts(String page) {
    return jdbc
        .queryForList(
            "SELECT attempts FROM kb_sync_queue WHERE org_id = ? AND page_id = ? AND kind = ?",
            Integer.class,
            org,
            page,
            KbQueue.IMPORT)
        .stream()
        .mapToInt(Integer::intValue)
        .sum();
  }

  String status(String articleId) {
    return Simulators.fynedesk().articleJson(org, articleId).orElseThrow().path("status").asText();
  }
}
