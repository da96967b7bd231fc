package io.fynedesk.connector.knowledge;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.TokenVault;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.webhooks.WebhookKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Syncs end to end against the Notion simulator: content hash, removal, plan limits, search
 * ranking, schedules firing, and the aiSource toggle with webhook refreshes. Its own context: the
 * manual window is 1 s here and a dataset holds at most 40 records.
 */
@TestPropertySource(
    properties = {
      "connector.knowledge.manual-sync-interval=1s",
      "connector.knowledge.dataset-record-limit=40"
    })
@DirtiesContext
class KnowledgeSyncIT extends KnowledgeFixture {

  @Autowired KnowledgeScheduler scheduler;
  @Autowired WebhookKeys keys;
  @Autowired TokenVault vault;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void unsubscribe() {
    Simulators.notion().unsubscribeAll();
  }

  /** Starts a manual sync (waiting out the 1 s window) and waits for its run to finish. */
  JsonNode syncNow(String id) {
    int before = runs(id).size();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> post("/api/v1/integration/notion/" + id + "/sync", "{}").status() == 200);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> runs(id).size() > before && lastRunFinished(id));
    return runs(id).get(0);
  }

  /**
   * A token the vault cannot decrypt (the encryption key was changed; here sealed for another
   * integration, which fails the same way) fails the run with a message that says what to do; the
   * token set again through update heals it.
   */
  @Test
  void aTokenTheVaultCannotDecryptFailsTheRunSayingWhyAndUpdateHealsIt() {
    helpPage("Shipping", "Carriers", "Parcels go out with two carriers.");
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    jdbc.update(
        "UPDATE knowledge_integration SET token_enc = ? WHERE id = ?",
        vault.encrypt("another-integration", world.token),
        id);
    JsonNode failed = syncNow(id);
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error").asText()).contains("cannot be decrypted").contains("update");
    assertThat(fetch(id).get("token").asText()).isEqualTo("********");

    assertThat(
            post(
                    "/api/v1/integration/notion/" + id + "/update",
                    "{\"token\":\"" + world.token + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(syncNow(id).get("status").asText()).isEqualTo("succeeded");
    assertThat(texts(dataset)).anyMatch(t -> t.contains("two carriers"));
  }

  @Test
  void unchangedPagesAreSkippedAndEditedOnesRewritten() {
    String page = helpPage("Billing", "Invoices", "Invoices are sent on the first of the month.");
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    JsonNode first = syncNow(id);
    assertThat(first.get("status").asText()).isEqualTo("succeeded");
    List<String> ids = recordIds(dataset);
    JsonNode second = syncNow(id);
    assertThat(second.get("status").asText()).isEqualTo("succeeded");
    assertThat(second.get("pagesSeen").asInt()).isEqualTo(first.get("pagesSeen").asInt());
    assertThat(second.get("pagesChanged").asInt()).isZero();
    assertThat(second.get("recordsWritten").asInt()).isZero();
    assertThat(recordIds(dataset)).isEqualTo(ids);

    // Edited through Notion's API, as a person's edit would be (Notion moves last_edited_time).
    notion(
        "PATCH",
        "/v1/blocks/" + page + "/children",
        "{\"children\":[" + block("paragraph", "Credit notes follow within a week.") + "]}");
    JsonNode third = syncNow(id);
    assertThat(third.get("pagesChanged").asInt()).isEqualTo(1);
    assertThat(texts(dataset)).anyMatch(t -> t.contains("Credit notes follow"));
  }

  @Test
  void expiredRecordsAreWrittenAgainByTheNextSync() {
    helpPage("Stale", "Old news", "This page does not change, its records expire at once.");
    String dataset = dataset();
    String id =
        integration(
            "{\"datasetId\":\"%s\",\"token\":\"%s\",\"expiresIn\":1}"
                .formatted(dataset, world.token));
    syncNow(id);
    List<String> first = recordIds(dataset);
    JsonNode again = syncNow(id);
    assertThat(again.get("pagesChanged").asInt()).isEqualTo(again.get("pagesSeen").asInt());
    assertThat(recordIds(dataset)).hasSameSizeAs(first).doesNotContainAnyElementsOf(first);
  }

  @Test
  void pagesGoneFromNotionLoseTheirRecords() {
    String keep = helpPage("Keep", "Kept", "This page stays in the workspace.");
    String gone = helpPage("Gone", "Removed", "This page moves to the trash soon.");
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    syncNow(id);
    assertThat(pageIds(dataset)).contains(keep, gone);
    trash(gone);
    JsonNode run = syncNow(id);
    assertThat(run.get("pagesRemoved").asInt()).isEqualTo(1);
    assertThat(pageIds(dataset)).contains(keep).doesNotContain(gone);
    assertThat(search(dataset, "trash", 10)).isEmpty();
  }

  @Test
  void searchRanksByRelevanceWithTitleAndHeadingBoosts() {
    helpPage("Refund policy", "Refunds", "Refunds are paid within 14 days to the original card.");
    helpPage("Shipping", "Delivery times", "Parcels ship in two days; refunds for damage apply.");
    helpPage("Passwords", "Sign-in help", "Reset your password from the sign-in page.");
    String dataset = dataset();
    syncNow(syncingIntegration(dataset));
    JsonNode hits = search(dataset, "how do I get a refund", 5);
    assertThat(hits.size()).isGreaterThanOrEqualTo(2);
    assertThat(hits.get(0).get("source").get("title").asText()).isEqualTo("Refund policy");
    double previous = Double.MAX_VALUE;
    for (JsonNode h : hits) {
      assertThat(h.get("score").asDouble()).isPositive().isLessThanOrEqualTo(previous);
      previous = h.get("score").asDouble();
      assertThat(h.get("id").asText()).startsWith("rec_");
      assertThat(h.get("text").asText()).isNotBlank();
    }
    assertThat(search(dataset, "password resetting", 1)).hasSize(1);
    assertThat(search(dataset, "password resetting", 1).get(0).get("source").get("title").asText())
        .isEqualTo("Passwords");
    assertThat(search(dataset, "the and of", 5)).isEmpty();
  }

  @Test
  void datasetRecordLimitStopsTheRunAndAFullDatasetRefusesTheNextSync() {
    // 39 records of the big page + 1 of the knowledge-base page (its title only) = the limit
    bigPage("Forty", 39);
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    JsonNode run = syncNow(id);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
    assertThat(records(dataset)).hasSize(40);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> post("/api/v1/integration/notion/" + id + "/sync", "{}").status() == 409);
    assertProblem(post("/api/v1/integration/notion/" + id + "/sync", "{}"), 409, "conflict");

    bigPage("Forty-one", 41);
    String other = dataset();
    JsonNode limited = syncNow(syncingIntegration(other));
    assertThat(limited.get("status").asText()).as(limited.toString()).isEqualTo("limited");
    assertThat(records(other).size()).isLessThanOrEqualTo(40);
  }

  /** A page of {@code n} paragraphs of about 800 characters: one record each. */
  private void bigPage(String title, int n) {
    String id = world.sim.seedPage(world.workspaceId, world.kbPageId, title);
    List<ObjectNode> blocks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      blocks.add(block("paragraph", ("Paragraph " + i + " about limits. ").repeat(30)));
    }
    world.sim.seedBlocks(id, blocks);
  }

  @Test
  void scheduledSyncRunsOnItsTriggerAndStopsAfterDelete() {
    helpPage("Schedules", "Cron", "Every second in this test.");
    String dataset = dataset();
    String id =
        integration(
            "{\"datasetId\":\"%s\",\"token\":\"%s\",\"syncSchedule\":\"* * * * * ?\"}"
                .formatted(dataset, world.token));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                StreamSupport.stream(runs(id).spliterator(), false)
                    .anyMatch(
                        r ->
                            r.get("kind").asText().equals("scheduled")
                                && r.get("status").asText().equals("succeeded")));
    assertThat(fetch(id).get("lastSyncedAt").asText()).endsWith("Z");
    assertThat(records(dataset)).isNotEmpty();
    post("/api/v1/integration/notion/" + id + "/delete", "{}");
    assertThat(scheduler.state(id)).isEqualTo("NONE");
  }

  @Test
  void aiSourceToggleManagesOneIntegrationAndWebhooksRefreshItsPages() {
    keys.clear();
    String url = "http://127.0.0.1:" + port + "/webhooks/notion";
    Simulators.notion().subscribe(url, Simulators.notion().sendHandshake(url));
    String selected = helpPage("Returns", "Returning an item", "Print the label from your order.");
    String other = helpPage("Careers", "Jobs", "We are hiring engineers.");
    connect(org, world);
    settings(
        "{\"enabled\":true,\"aiSource\":{\"enabled\":true,\"sources\":[\"" + selected + "\"]}}");
    JsonNode managed = managed();
    assertThat(managed.get("token").asText()).isEqualTo("********");
    assertThat(managed.get("meta").get("managedBy").asText()).isEqualTo("aiSource");
    String dataset = managed.get("datasetId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> pageIds(dataset).contains(selected));
    assertThat(pageIds(dataset)).doesNotContain(other);

    world.sim.editPageProperty(selected, "title", "Returns and exchanges");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                StreamSupport.stream(records(dataset).spliterator(), false)
                    .anyMatch(
                        r ->
                            r.get("source").get("title").asText().equals("Returns and exchanges")));

    settings("{\"aiSource\":{\"enabled\":false}}");
    String id = managed.get("id").asText();
    await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.state(id).equals("PAUSED"));
    settings("{\"aiSource\":{\"enabled\":true}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.state(id).equals("NORMAL"));
    JsonNode items = get("/api/v1/integration/notion/list").json().get("items");
    assertThat(items).hasSize(1);
    assertThat(search(dataset, "print label", 5)).isNotEmpty();
  }

  private JsonNode managed() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get("/api/v1/integration/notion/list").json().get("items").size() == 1);
    return get("/api/v1/integration/notion/list").json().get("items").get(0);
  }

  private void settings(String json) {
    Http.Answer a = http().json("PATCH", "/api/v1/connections/notion/settings", admin, json);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  private void trash(String pageId) {
    notion("PATCH", "/v1/pages/" + pageId, "{\"in_trash\":true}");
  }

  /** A call to the Notion simulator with the world's token, as Notion's UI or another app. */
  private void notion(String method, String path, String body) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(world.sim.baseUrl() + path))
                      .header("Authorization", "Bearer " + world.token)
                      .header("Notion-Version", "2025-09-03")
                      .header("Content-Type", "application/json")
                      .method(method, HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private List<String> recordIds(String dataset) {
    return StreamSupport.stream(records(dataset).spliterator(), false)
        .map(r -> r.get("id").asText())
        .sorted()
        .toList();
  }

  private List<String> pageIds(String dataset) {
    return StreamSupport.stream(records(dataset).spliterator(), false)
        .map(r -> r.get("source").get("pageId").asText())
        .distinct()
        .toList();
  }

  private List<String> texts(String dataset) {
    return StreamSupport.stream(records(dataset).spliterator(), false)
        .map(r -> r.get("text").asText())
        .toList();
  }
}
