package io.fynedesk.connector.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One owner per article: wrong-side edits detected and undone, owner switch, the sync view. */
class KbOwnershipIT extends KbFixture {

  @Autowired KbLinks links;
  @Autowired CamelContext camel;
  @Autowired JdbcTemplate jdbc;

  private static final String BODY = "<p>Step one.</p><p>Step two.</p>";

  String publish(String title, String owner) {
    return publishMirrored(title, owner, BODY);
  }

  Http.Answer putOwner(String org, String articleId, String body) {
    return http()
        .json("PUT", "/api/v1/kb/articles/" + articleId + "/owner", TestJwt.admin(org), body);
  }

  @Test
  void personEditOfAFyneDeskOwnedMirrorIsFlaggedAndUndone() {
    String id = publish("Mirror edit", "fynedesk");
    String page = mirrorPages("Mirror edit").get(0);
    JsonNode second = world.sim.children(page).get(2);
    world.sim.editBlockTextAsPerson(second.path("id").asText(), "Vandalised.");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> syncView(id).path("mirrorEdited").asBoolean());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> text(page).equals(List.of("Step one.", "Step two.")));
    assertThat(syncView(id).path("warnings").toString()).contains("mirror edited");
    assertThat(articleSync(id).path("warnings").toString()).contains("mirror edited");
  }

  /**
   * A person's edit of a FyneDesk-owned mirror that no webhook reported, found by the backstop
   * (which feeds the page to the webhook page route, with no event id): flagged and undone, as a
   * webhook-seen one is. Before, the backstop's check rewrote the page without a flag or warning,
   * so the person's text vanished without a trace.
   */
  @Test
  void aMirrorEditOnlyTheBackstopFindsIsFlaggedAndUndone() {
    String id = publish("Backstop edit", "fynedesk");
    String page = mirrorPages("Backstop edit").get(0);
    world.sim.dropWebhooks(true);
    try {
      JsonNode second = world.sim.children(page).get(2);
      world.sim.editBlockTextAsPerson(second.path("id").asText(), "Quietly vandalised.");
      camel
          .createProducerTemplate()
          .sendBodyAndHeaders(
              "direct:notion-webhook-page",
              null,
              Map.of(
                  "WebhookOrgId", org,
                  "WebhookEntityId", page,
                  "WebhookType", "page.content_updated",
                  "WebhookTypes", "page.content_updated",
                  "WebhookSource", "backstop"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> text(page).equals(List.of("Step one.", "Step two.")));
      assertThat(syncView(id).path("mirrorEdited").asBoolean()).isTrue();
      assertThat(syncView(id).path("warnings").toString()).contains("mirror edited");
    } finally {
      world.sim.dropWebhooks(false);
    }
  }

  @Test
  void fyneDeskEditOfANotionOwnedArticleIsFlaggedAndUndone() {
    String id = publish("Wrong side", "notion");
    Simulators.fynedesk().editArticle(org, id, null, "<p>Agent rewrote it.</p>");
    awaitWrongSideEditUndone(id, "Step two.", "Agent");
    assertThat(syncView(id).path("warnings").toString()).contains("mirror edited");
  }

  @Test
  void ownerSwitchFlipsSyncCalloutAndDirection() {
    String id = publish("Switch", "fynedesk");
    String page = mirrorPages("Switch").get(0);
    Http.Answer toNotion = putOwner(org, id, "{\"owner\":\"notion\"}");
    assertThat(toNotion.status()).as(toNotion.body()).isEqualTo(200);
    assertThat(toNotion.json().path("owner").asText()).isEqualTo("notion");
    assertThat(toNotion.json().path("mirrorEdited").asBoolean()).isFalse();
    assertThat(articleSync(id).path("readOnly").asBoolean()).isTrue();
    assertThat(articleSync(id).path("badge").asText()).isEqualTo("Edited in Notion");
    assertThat(world.sim.children(page).get(0).toString()).contains("source of truth");
    // Notion edits now flow to FyneDesk
    world.sim.editBlockTextAsPerson(
        world.sim.children(page).get(1).path("id").asText(), "Edited in Notion now.");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Simulators.fynedesk()
                    .article(org, id)
                    .orElseThrow()
                    .bodyHtml()
                    .contains("Edited in Notion now."));
    assertThat(syncView(id).path("mirrorEdited").asBoolean()).isFalse();
    // and back: FyneDesk owns it again, its edits flow to Notion
    Http.Answer toFyneDesk = putOwner(org, id, "{\"owner\":\"fynedesk\"}");
    assertThat(toFyneDesk.status()).isEqualTo(200);
    assertThat(articleSync(id).path("readOnly").asBoolean()).isFalse();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> world.sim.children(page).get(0).toString().contains("read-only here"));
    Simulators.fynedesk().editArticle(org, id, null, "<p>FyneDesk again.</p>");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> text(page).equals(List.of("FyneDesk again.")));
  }

  @Test
  void repeatingTheCurrentOwnerIs200AndQueuesNothingEvenWhileTheLinkIsHeld() {
    String id = publish("Same owner", "fynedesk");
    String page = mirrorPages("Same owner").get(0);
    for (int i = 0; i < 3; i++) {
      Http.Answer again = putOwner(org, id, "{\"owner\":\"fynedesk\"}");
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.json().path("owner").asText()).isEqualTo("fynedesk");
    }
    // Nothing to switch, so nothing waits on the link (a worker holding it does not matter) ...
    String worker = links.attempt();
    assertThat(links.lock(org, page, worker, Duration.ofMinutes(1))).isTrue();
    try {
      assertThat(putOwner(org, id, "{\"owner\":\"fynedesk\"}").status()).isEqualTo(200);
    } finally {
      links.unlock(org, page, worker);
    }
    // ... and no rewrite of the page was queued.
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM kb_sync_queue WHERE org_id = ? AND page_id = ?",
                Integer.class,
                org,
                page))
        .isZero();
  }

  /**
   * An owner switch while a worker writes the link (it holds the link's lock) is refused with 409
   * and changes nothing, rather than being written over by the worker's older copy afterwards.
   */
  @Test
  void ownerSwitchWhileTheLinkIsBeingWrittenIs409AndChangesNothing() {
    String id = publish("Busy switch", "fynedesk");
    String page = mirrorPages("Busy switch").get(0);
    String worker = links.attempt();
    assertThat(links.lock(org, page, worker, Duration.ofMinutes(1))).isTrue();
    try {
      Http.Answer busy = putOwner(org, id, "{\"owner\":\"notion\"}");
      assertThat(busy.status()).as(busy.body()).isEqualTo(409);
      assertThat(busy.json().path("code").asText()).isEqualTo("conflict");
      assertThat(syncView(id).path("owner").asText()).isEqualTo("fynedesk");
    } finally {
      links.unlock(org, page, worker);
    }
    Http.Answer done = putOwner(org, id, "{\"owner\":\"notion\"}");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(syncView(id).path("owner").asText()).isEqualTo("notion");
  }

  @Test
  void badOwnerUnknownArticleAndOtherOrgAnswerProblems() {
    String id = publish("Problems", "fynedesk");
    Http.Answer bad = putOwner(org, id, "{\"owner\":\"both\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("code").asText()).isEqualTo("validation_failed");
    assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("owner");
    Http.Answer unknown = putOwner(org, "no-such-article", "{\"owner\":\"notion\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("code").asText()).isEqualTo("not_found");
    String other = newOrg();
    assertThat(putOwner(other, id, "{\"owner\":\"notion\"}").status()).isEqualTo(404);
    Http.Answer otherView = http().get("/api/v1/kb/articles/" + id + "/sync", TestJwt.admin(other));
    assertThat(otherView.status()).isEqualTo(404);
    assertThat(otherView.contentType()).isEqualTo("application/problem+json");
    assertThat(syncView(id).path("owner").asText()).isEqualTo("fynedesk");
  }
}
