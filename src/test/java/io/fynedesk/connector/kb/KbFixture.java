package io.fynedesk.connector.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import io.fynedesk.connector.webhooks.WebhookKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A connected org in its own Notion workspace, the Notion simulator subscribed to the connector's
 * webhooks and the FyneDesk simulator sending its events (each write's echo included) to it.
 */
abstract class KbFixture extends AbstractConnectorIT {

  static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  @Autowired WebhookKeys keys;

  NotionWorld world;
  String org;

  @BeforeEach
  void connectedOrg() {
    keys.clear();
    String url = "http://127.0.0.1:" + port + "/webhooks/notion";
    Simulators.notion().subscribe(url, Simulators.notion().sendHandshake(url));
    Simulators.fynedesk()
        .events("http://127.0.0.1:" + port + "/api/v1/events", TicketEvents.SECRET)
        .autoEmit(true);
    world = newWorld();
    org = newOrg();
    connect(org, world);
  }

  @AfterEach
  void quiet() {
    Simulators.notion().unsubscribeAll();
    Simulators.fynedesk().events(null, null).autoEmit(false);
  }

  void settings(String json) {
    Http.Answer a =
        http().json("PATCH", "/api/v1/connections/notion/settings", TestJwt.admin(org), json);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  void publishOn(String defaultOwner) {
    settings(
        """
        {"enabled": true, "kbSync": {"publishEnabled": true, "publishParentPageId": "%s",
         "defaultOwner": "%s"}}"""
            .formatted(world.kbPageId, defaultOwner));
  }

  /**
   * Publish and import on with {@code owner} as the default owner, one article published with
   * {@code body}; returns its id once its mirror page exists and is linked.
   */
  String publishMirrored(String title, String owner, String body) {
    settings(
        """
        {"enabled": true, "kbSync": {"publishEnabled": true, "publishParentPageId": "%s",
         "importEnabled": true, "importSources": [], "defaultOwner": "%s"}}"""
            .formatted(world.kbPageId, owner));
    String id = newArticleId();
    Simulators.fynedesk().publishArticle(org, article(id, title, body));
    awaitMirrorPage(title);
    await().atMost(Duration.ofSeconds(10)).until(() -> articleSync(id).has("notionPageId"));
    return id;
  }

  /**
   * A FyneDesk edit of a Notion-owned article: flagged in the sync view, then Notion's version
   * (containing {@code kept}) written back over the edit (containing {@code edited}).
   */
  void awaitWrongSideEditUndone(String id, String kept, String edited) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> syncView(id).path("mirrorEdited").asBoolean());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Article a = Simulators.fynedesk().article(org, id).orElseThrow();
              return a.bodyHtml().contains(kept) && !a.bodyHtml().contains(edited);
            });
  }

  static Article article(String id, String title, String bodyHtml) {
    return new Article(
        id, title, bodyHtml, "en", "https://acme.fynedesk.io/help/articles/" + id, null, null);
  }

  static String newArticleId() {
    return "art-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The mirror pages under the publish parent (live ones). */
  List<String> mirrorPages(String title) {
    return world.sim.childPages(world.kbPageId).stream()
        .filter(id -> !world.sim.page(id).path("in_trash").asBoolean())
        .filter(
            id ->
                title.equals(
                    world.sim.page(id).at("/properties/title/title/0/plain_text").asText()))
        .toList();
  }

  String awaitMirrorPage(String title) {
    await().atMost(Duration.ofSeconds(20)).until(() -> mirrorPages(title).size() == 1);
    return mirrorPages(title).get(0);
  }

  /** The page's body as plain text lines (its outline without the callout). */
  List<String> text(String pageId) {
    List<String> lines = new ArrayList<>();
    for (JsonNode b : world.sim.outline(pageId)) {
      if (!"callout".equals(b.path("type").asText())) {
        lines.add(b.path("text").asText());
      }
    }
    return lines;
  }

  /** Notion calls made with this org's token since {@code mark} (an index into the call log). */
  List<RecordedCall> callsSince(int mark) {
    List<RecordedCall> all = Simulators.notion().calls();
    return all.subList(mark, all.size()).stream()
        .filter(c -> world.token.equals(c.token()))
        .toList();
  }

  int mark() {
    return Simulators.notion().calls().size();
  }

  JsonNode syncView(String articleId) {
    Http.Answer a = http().get("/api/v1/kb/articles/" + articleId + "/sync", TestJwt.admin(org));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json();
  }

  JsonNode articleSync(String articleId) {
    return Simulators.fynedesk().articleJson(org, articleId).orElseThrow().path("sync");
  }
}
