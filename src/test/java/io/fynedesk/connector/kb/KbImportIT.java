package io.fynedesk.connector.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Notion → FyneDesk: pages of import sources become Notion-owned articles (CONTRACT §6). */
class KbImportIT extends KbFixture {

  @Autowired KbSync kbSync;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamelContext camel;

  static ObjectNode paragraph(String text) {
    ObjectNode b = MAPPER.createObjectNode().put("type", "paragraph");
    b.putObject("paragraph")
        .putArray("rich_text")
        .addObject()
        .putObject("text")
        .put("content", text);
    return b;
  }

  void importOn(String... sources) {
    StringBuilder list = new StringBuilder();
    for (String s : sources) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(s).append('"');
    }
    settings(
        """
        {"enabled": true, "kbSync": {"importEnabled": true, "importSources": [%s]}}"""
            .formatted(list));
  }

  Optional<Article> articleOf(String pageId) {
    return Simulators.fynedesk().articles(org).stream()
        .filter(a -> a.sync() != null && pageId.equals(a.sync().notionPageId()))
        .findFirst();
  }

  Article awaitArticle(String pageId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> articleOf(pageId).isPresent());
    return articleOf(pageId).orElseThrow();
  }

  String status(Article a) {
    return Simulators.fynedesk().articleJson(org, a.id()).orElseThrow().path("status").asText();
  }

  @Test
  void pageTreeBecomesReadOnlyNotionOwnedArticles() {
    String source = world.sim.seedPage(world.workspaceId, world.kbPageId, "Help center");
    String child = world.sim.seedPage(world.workspaceId, source, "Billing");
    String grandchild = world.sim.seedPage(world.workspaceId, child, "Refunds");
    world.sim.seedBlocks(source, List.of(paragraph("Welcome to the help center.")));
    world.sim.seedBlocks(child, List.of(paragraph("How billing works.")));
    world.sim.seedBlocks(grandchild, List.of(paragraph("Refunds take 5 days.")));
    String outside = world.sim.seedPage(world.workspaceId, world.kbPageId, "Not a source");
    importOn(source);
    Article root = awaitArticle(source);
    Article refunds = awaitArticle(grandchild);
    Article billing = awaitArticle(child);
    assertThat(root.title()).isEqualTo("Help center");
    assertThat(root.bodyHtml()).contains("Welcome to the help center.");
    assertThat(refunds.bodyHtml()).contains("Refunds take 5 days.");
    assertThat(billing.sync().owner()).isEqualTo("notion");
    assertThat(billing.sync().readOnly()).isTrue();
    assertThat(billing.sync().badge()).isEqualTo("Edited in Notion");
    assertThat(billing.locale()).isEqualTo("en");
    assertThat(articleOf(outside)).isEmpty();
  }

  @Test
  void dataSourceRowsBecomeArticles() {
    String db = "db-faq-" + UUID.randomUUID().toString().substring(0, 6);
    String ds = "ds-faq-" + UUID.randomUUID().toString().substring(0, 6);
    world.sim.database(world.workspaceId, db, "FAQ", world.kbPageId);
    world.sim.dataSource(db, ds, "FAQ").title("Question");
    String row = world.sim.seedRow(ds, Map.of("Question", "Can I export?"));
    world.sim.seedBlocks(row, List.of(paragraph("Yes, as CSV.")));
    importOn(db);
    Article a = awaitArticle(row);
    assertThat(a.title()).isEqualTo("Can I export?");
    assertThat(a.bodyHtml()).contains("Yes, as CSV.");
  }

  @Test
  void webhookEditKeepsTheArticleCurrentWithinSeconds() {
    String source = world.sim.seedPage(world.workspaceId, world.kbPageId, "Shipping");
    String block = world.sim.seedBlocks(source, List.of(paragraph("Ships in 3 days."))).get(0);
    importOn(source);
    awaitArticle(source);
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String text = "Ships in " + (3 + i) + " days.";
      long start = System.nanoTime();
      world.sim.editBlockTextAsPerson(block, text);
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> awaitArticle(source).bodyHtml().contains(text));
      latencies.add((System.nanoTime() - start) / 1_000_000);
    }
    // the article's PUTs came back from FyneDesk as echoes: none was taken for a wrong-side edit
    assertThat(syncView(awaitArticle(source).id()).path("mirrorEdited").asBoolean()).isFalse();
    latencies.sort(Long::compare);
    long p95 = latencies.get(latencies.size() - 1);
    System.out.println("KB webhook edit -> article current, ms (sorted): " + latencies);
    // Notion simulator aggregation window 1 s + debounce 1 s + the import: p95 within 2 s of both.
    assertThat(p95).isLessThanOrEqualTo(4_000);
  }

  @Test
  void trashedPageArchivesTheArticleAndRestoreRepublishes() {
    String source = world.sim.seedPage(world.workspaceId, world.kbPageId, "Old policy");
    world.sim.seedBlocks(source, List.of(paragraph("Old text.")));
    importOn(source);
    Article a = awaitArticle(source);
    world.sim.trashPageAsPerson(source, true);
    await().atMost(Duration.ofSeconds(15)).until(() -> "archived".equals(status(a)));
    world.sim.trashPageAsPerson(source, false);
    await().atMost(Duration.ofSeconds(15)).until(() -> "published".equals(status(a)));
  }

  @Test
  void droppedWebhookIsCaughtByTheBackstop() {
    String source = world.sim.seedPage(world.workspaceId, world.kbPageId, "Backstop");
    String block = world.sim.seedBlocks(source, List.of(paragraph("Version one."))).get(0);
    importOn(source);
    awaitArticle(source);
    Simulators.notion().dropWebhooks(true);
    try {
      world.sim.editBlockTextAsPerson(block, "Version two.");
      kbSync.backstop();
    } finally {
      Simulators.notion().dropWebhooks(false);
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> awaitArticle(source).bodyHtml().contains("Version two."));
  }

  @Test
  void hostedImageIsRehostedOnceAndPlaceholdersAreWarned() {
    String source = world.sim.seedPage(world.workspaceId, world.kbPageId, "With image");
    byte[] png = ("PNG-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    ObjectNode image = MAPPER.createObjectNode().put("type", "image");
    image.set("image", world.sim.hostedFile(png, "image/png", "diagram.png"));
    ObjectNode bookmark = MAPPER.createObjectNode().put("type", "bookmark");
    bookmark.putObject("bookmark").put("url", "https://example.com/guide");
    String text =
        world
            .sim
            .seedBlocks(source, List.of(paragraph("See the diagram."), image, bookmark))
            .get(0);
    int uploadsBefore = uploads();
    importOn(source);
    Article a = awaitArticle(source);
    assertThat(a.bodyHtml()).contains(Simulators.fynedesk().baseUrl() + "/files/");
    assertThat(a.bodyHtml()).doesNotContain("X-Amz-Signature");
    assertThat(a.sync().warnings()).anyMatch(w -> w.startsWith("placeholder"));
    world.sim.editBlockTextAsPerson(text, "See the new diagram.");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> awaitArticle(source).bodyHtml().contains("See the new diagram."));
    assertThat(uploads() - uploadsBefore).isEqualTo(1);
    String fileId = image.at("/image/file/url").asText().replaceAll(".*/_files/([^/]+)/.*", "$1");
    assertThat(Simulators.notion().fileDownloads())
        .filteredOn(d -> d.fileId().equals(fileId))
        .hasSize(1)
        .allMatch(d -> d.status() == 200 && !d.sentAuthorization());
  }

  @Test
  void replicasThatSeeANewSourceAtOnceQueueOneWalkBetweenThem() throws Exception {
    // The racers stand for replicas' kb-sources routes; this one's own route waits meanwhile.
    camel.getRouteController().stopRoute("kb-sources-check");
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<String> sources = new ArrayList<>();
    List<String> children = new ArrayList<>();
    try {
      for (int round = 0; round < 4; round++) {
        String source = world.sim.seedPage(world.workspaceId, world.kbPageId, "Center " + round);
        String child = world.sim.seedPage(world.workspaceId, source, "Billing " + round);
        world.sim.seedBlocks(child, List.of(paragraph("How billing works, " + round + ".")));
        sources.add(source);
        children.add(child);
        importOn(sources.toArray(String[]::new));
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          queued.add(
              pool.submit(
                  () -> {
                    start.await();
                    return kbSync.checkSourcesOf(org);
                  }));
        }
        int walks = 0;
        for (Future<Integer> f : queued) {
          walks += f.get(30, TimeUnit.SECONDS);
        }
        // Before, each racer that read no walk of the source yet queued one of its own.
        assertThat(walks).as("walks queued in round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
      camel.getRouteController().startRoute("kb-sources-check");
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM kb_source_walk WHERE org_id = ?", Integer.class, org))
        .isEqualTo(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      awaitArticle(sources.get(i));
      assertThat(awaitArticle(children.get(i)).bodyHtml()).contains("How billing works, " + i);
    }
  }

  @Test
  void importSourcesMustBeSharedPagesOrDataSources() {
    Http.Answer a =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                TestJwt.admin(org),
                """
                {"kbSync": {"importSources": ["%s", "%s"]}}"""
                    .formatted(world.kbPageId, world.privatePageId));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("code").asText()).isEqualTo("validation_failed");
    assertThat(a.json().path("errors").get(0).path("field").asText())
        .isEqualTo("kbSync.importSources[1]");
  }

  @Test
  void pageOutOfEverySourceIsArchived() {
    String kept = world.sim.seedPage(world.workspaceId, world.kbPageId, "Kept source");
    String dropped = world.sim.seedPage(world.workspaceId, world.kbPageId, "Dropped source");
    importOn(kept, dropped);
    awaitArticle(kept);
    Article gone = awaitArticle(dropped);
    importOn(kept);
    await().atMost(Duration.ofSeconds(20)).until(() -> "archived".equals(status(gone)));
    assertThat(status(awaitArticle(kept))).isEqualTo("published");
  }

  int uploads() {
    return (int)
        Simulators.fynedesk().calls().stream()
            .filter(
                c ->
                    org.equals(c.org())
                        && c.method().equals("POST")
                        && c.path().equals("/api/v1/kb/attachments"))
            .count();
  }
}
