package io.fynedesk.connector.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** FyneDesk → Notion: an article's one mirror page, kept current by block diff (CONTRACT §6). */
class KbPublishIT extends KbFixture {

  private static final String BODY =
      "<h2>Reset a password</h2><p>Open settings.</p><p>Choose Security.</p><p>Press reset.</p>";

  @Test
  void publishedArticleBecomesAMirrorPageWithCalloutAndSync() {
    publishOn("fynedesk");
    String id = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(id, "Password reset", BODY));
    String page = awaitMirrorPage("Password reset");
    await().atMost(Duration.ofSeconds(10)).until(() -> articleSync(id).has("notionPageId"));
    JsonNode first = world.sim.children(page).get(0);
    assertThat(first.path("type").asText()).isEqualTo("callout");
    assertThat(first.toString()).contains("https://acme.fynedesk.io/help/articles/" + id);
    assertThat(text(page))
        .containsExactly("Reset a password", "Open settings.", "Choose Security.", "Press reset.");
    JsonNode sync = articleSync(id);
    assertThat(sync.path("owner").asText()).isEqualTo("fynedesk");
    assertThat(sync.path("readOnly").asBoolean()).isFalse();
    assertThat(sync.path("badge").isNull()).isTrue();
    assertThat(sync.path("notionPageId").asText()).isEqualTo(page);
    assertThat(sync.path("lastSyncedAt").asText()).endsWith("Z");
    JsonNode view = syncView(id);
    assertThat(view.path("owner").asText()).isEqualTo("fynedesk");
    assertThat(view.path("mirrorEdited").asBoolean()).isFalse();
    assertThat(view.path("notionPageId").asText()).isEqualTo(page);
  }

  @Test
  void oneParagraphEditCostsOneRequestAndEchoesChangeNothing() {
    publishOn("fynedesk");
    String id = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(id, "Edits", BODY));
    String page = awaitMirrorPage("Edits");
    await().atMost(Duration.ofSeconds(10)).until(() -> articleSync(id).has("notionPageId"));
    int mark = mark();
    Simulators.fynedesk()
        .editArticle(org, id, null, BODY.replace("Choose Security.", "Choose Privacy."));
    await().atMost(Duration.ofSeconds(15)).until(() -> text(page).contains("Choose Privacy."));
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    List<RecordedCall> calls = callsSince(mark);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).method()).isEqualTo("PATCH");
    assertThat(calls.get(0).path()).startsWith("/v1/blocks/");
    assertThat(text(page))
        .containsExactly("Reset a password", "Open settings.", "Choose Privacy.", "Press reset.");
  }

  @Test
  void unchangedBodyCostsNothing() throws Exception {
    publishOn("fynedesk");
    String id = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(id, "Unchanged", BODY));
    awaitMirrorPage("Unchanged");
    await().atMost(Duration.ofSeconds(10)).until(() -> articleSync(id).has("notionPageId"));
    int mark = mark();
    String event = articleEvent("article.updated", article(id, "Unchanged", BODY), null);
    assertThat(post(event).status()).isEqualTo(202);
    awaitInboxDone(event);
    assertThat(callsSince(mark)).isEmpty();
  }

  @Test
  void insertsAndDeletesWriteOnlyThoseBlocks() {
    publishOn("fynedesk");
    String id = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(id, "Diff", BODY));
    String page = awaitMirrorPage("Diff");
    await().atMost(Duration.ofSeconds(10)).until(() -> articleSync(id).has("notionPageId"));
    int mark = mark();
    String edited =
        "<h2>Reset a password</h2><p>New first step.</p><p>Open settings.</p><p>Press reset.</p>"
            + "<ul><li>Tip one</li><li>Tip two</li></ul>";
    Simulators.fynedesk().editArticle(org, id, "Diff v2", edited);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> text(page).contains("Tip two") && mirrorPages("Diff v2").size() == 1);
    assertThat(text(page))
        .containsExactly(
            "Reset a password",
            "New first step.",
            "Open settings.",
            "Press reset.",
            "Tip one",
            "Tip two");
    // title, one insert, one delete, one insert at the end: never the whole page
    assertThat(callsSince(mark)).hasSizeLessThanOrEqualTo(4);
    assertThat(callsSince(mark)).noneMatch(c -> c.method().equals("GET"));
  }

  @Test
  void duplicateAndConcurrentEventsMakeOnePage() throws Exception {
    publishOn("fynedesk");
    String id = newArticleId();
    Article a = article(id, "Concurrent", BODY);
    Simulators.fynedesk().addArticle(org, a);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(articleEvent(i % 2 == 0 ? "article.published" : "article.updated", a, null));
    }
    List<CompletableFuture<Http.Answer>> posts = new ArrayList<>();
    for (String e : events) {
      posts.add(CompletableFuture.supplyAsync(() -> post(e)));
      posts.add(CompletableFuture.supplyAsync(() -> post(e)));
    }
    posts.forEach(f -> assertThat(f.join().status()).isIn(200, 202));
    events.forEach(this::awaitInboxDone);
    assertThat(world.sim.childPages(world.kbPageId)).hasSize(1);
    assertThat(mirrorPages("Concurrent")).hasSize(1);
  }

  /**
   * The article's sync is written even when the write after the page's creation failed: the
   * redelivery finds the page current and writes the sync it lacks. Before, it found the body
   * "unchanged" and returned, so FyneDesk never learned the page (no link, no read-only mark).
   */
  @Test
  void aFailedSyncWriteIsMadeByTheRedelivery() {
    publishOn("fynedesk");
    String id = newArticleId();
    Simulators.fynedesk().failNext("/api/v1/kb/articles/" + id, 1, 500);
    Simulators.fynedesk().publishArticle(org, article(id, "Sync written late", BODY));
    String page = awaitMirrorPage("Sync written late");
    await().atMost(Duration.ofSeconds(20)).until(() -> articleSync(id).has("notionPageId"));
    assertThat(articleSync(id).path("notionPageId").asText()).isEqualTo(page);
    assertThat(mirrorPages("Sync written late")).hasSize(1);
  }

  /**
   * A page creation that failed on this replica (Notion 503, or the answer lost after Notion made
   * the page) is retried within seconds, as one page: the failed attempt lets go of its publish
   * claim. Before, the claim stayed with the failed attempt, the replica's heartbeat kept renewing
   * it, and every retry met it as "being synced by another worker" until the replica restarted.
   */
  @Test
  void aFailedPageCreationIsRetriedAtOnceAsOnePage() {
    publishOn("fynedesk");
    world.sim.inject(Fault.status(503, "service_unavailable").on("POST", "/v1/pages").times(1));
    String refused = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(refused, "Refused once", BODY));
    awaitMirrorPage("Refused once");
    world.sim.inject(Fault.dropConnection().on("POST", "/v1/pages").afterHandling().times(1));
    String lost = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(lost, "Answer lost once", BODY));
    String page = awaitMirrorPage("Answer lost once");
    await().atMost(Duration.ofSeconds(20)).until(() -> articleSync(lost).has("notionPageId"));
    assertThat(articleSync(lost).path("notionPageId").asText()).isEqualTo(page);
    assertThat(world.sim.childPages(world.kbPageId)).hasSize(2);
  }

  @Test
  void aRetryAfterACrashAdoptsThePageTheDeadAttemptCreated() {
    publishOn("fynedesk");
    String id = newArticleId();
    Article a = article(id, "Crashed once", BODY);
    // The dead attempt: its claim (lease expired, no page recorded) and the page it created.
    String orphan = world.sim.seedPage(world.workspaceId, world.kbPageId, "Crashed once");
    ObjectNode callout = MAPPER.createObjectNode().put("type", "callout");
    callout
        .putObject("callout")
        .putArray("rich_text")
        .addObject()
        .putObject("text")
        .put("content", "This page mirrors a FyneDesk article: " + a.url());
    world.sim.seedBlocks(orphan, List.of(callout));
    OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
    jdbc.update(
        "INSERT INTO kb_publish_claim (org_id, article_id, lease_owner, lease_until, created_at)"
            + " VALUES (?, ?, 'dead-worker', ?, ?)",
        org,
        id,
        past,
        past);
    Simulators.fynedesk().publishArticle(org, a);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> orphan.equals(articleSync(id).path("notionPageId").asText()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                text(orphan)
                    .equals(
                        List.of(
                            "Reset a password",
                            "Open settings.",
                            "Choose Security.",
                            "Press reset.")));
    assertThat(mirrorPages("Crashed once")).containsExactly(orphan);
  }

  @Test
  void unpublishTrashesThePageAndRepublishRestoresIt() {
    publishOn("fynedesk");
    String id = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(id, "Trash me", BODY));
    String page = awaitMirrorPage("Trash me");
    await().atMost(Duration.ofSeconds(10)).until(() -> articleSync(id).has("notionPageId"));
    Simulators.fynedesk().unpublishArticle(org, id);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> world.sim.page(page).path("in_trash").asBoolean());
    Simulators.fynedesk().editArticle(org, id, null, BODY + "<p>Back again.</p>");
    Simulators.fynedesk().republishArticle(org, id);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !world.sim.page(page).path("in_trash").asBoolean()
                    && text(page).contains("Back again."));
    assertThat(world.sim.childPages(world.kbPageId)).containsExactly(page);
  }

  @Test
  void defaultOwnerNotionMakesTheArticleReadOnlyInFyneDesk() {
    publishOn("notion");
    String id = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(id, "Owned by Notion", BODY));
    awaitMirrorPage("Owned by Notion");
    await().atMost(Duration.ofSeconds(10)).until(() -> articleSync(id).has("notionPageId"));
    JsonNode sync = articleSync(id);
    assertThat(sync.path("owner").asText()).isEqualTo("notion");
    assertThat(sync.path("readOnly").asBoolean()).isTrue();
    assertThat(sync.path("badge").asText()).isEqualTo("Edited in Notion");
  }

  @Test
  void publishOffOrMasterOffMovesNothing() throws Exception {
    settings(
        """
        {"enabled": true, "kbSync": {"publishEnabled": false, "publishParentPageId": "%s"}}"""
            .formatted(world.kbPageId));
    String id = newArticleId();
    String event = articleEvent("article.published", article(id, "Off", BODY), null);
    assertThat(post(event).status()).isEqualTo(202);
    awaitInboxDone(event);
    assertThat(world.sim.childPages(world.kbPageId)).isEmpty();
  }

  @Test
  void publishParentMustBeASharedPage() {
    Http.Answer a =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                TestJwt.admin(org),
                """
                {"kbSync": {"publishParentPageId": "%s"}}"""
                    .formatted(world.privatePageId));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("code").asText()).isEqualTo("validation_failed");
    assertThat(a.json().path("errors").get(0).path("field").asText())
        .isEqualTo("kbSync.publishParentPageId");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  String articleEvent(String type, Article a, String origin) throws Exception {
    String data = MAPPER.writeValueAsString(a);
    return """
        {"id":"evt_%s","type":"%s","organizationId":"%s","occurredAt":"2026-11-21T10:00:00Z",%s
         "data":{"article":%s}}"""
        .formatted(
            UUID.randomUUID(),
            type,
            org,
            origin == null ? "" : "\"origin\":\"" + origin + "\",",
            data);
  }

  Http.Answer post(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return http()
        .send(
            "POST",
            "/api/v1/events",
            body,
            Map.of(
                "Content-Type",
                "application/json",
                "X-FyneDesk-Signature",
                Hmac.sign(TicketEvents.SECRET, body)));
  }

  @Autowired JdbcTemplate jdbc;

  void awaitInboxDone(String event) {
    String id = event.substring(event.indexOf("evt_"), event.indexOf('"', event.indexOf("evt_")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc
                    .queryForList("SELECT status FROM inbox_event WHERE id = ?", String.class, id)
                    .stream()
                    .anyMatch(s -> s.equals("done") || s.equals("ignored")));
  }
}
