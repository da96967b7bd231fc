package io.fynedesk.connector.knowledge;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Notion-integration resource API of seed 001 (CONTRACT §5), over real HTTP. */
class IntegrationApiIT extends KnowledgeFixture {

  @Autowired JdbcTemplate jdbc;
  @Autowired KnowledgeScheduler scheduler;
  @Autowired AiSourceReconciler reconciler;

  @Test
  void createdIntegrationIsFetchedAndListedWithItsTokenMasked() {
    String dataset = dataset();
    String id =
        integration(
            """
            {"name":"Company Wiki Sync","description":"Syncs the wiki","datasetId":"%s",
             "token":"secret_abc","syncSchedule":"@daily","expiresIn":2592000000,
             "blueprintId":"blueprint_1","meta":{"team":"support"}}"""
                .formatted(dataset));
    JsonNode f = fetch(id);
    assertThat(f.get("id").asText()).isEqualTo(id);
    assertThat(f.get("name").asText()).isEqualTo("Company Wiki Sync");
    assertThat(f.get("description").asText()).isEqualTo("Syncs the wiki");
    assertThat(f.get("datasetId").asText()).isEqualTo(dataset);
    assertThat(f.get("token").asText()).isEqualTo("********");
    assertThat(f.get("syncSchedule").asText()).isEqualTo("@daily");
    assertThat(f.get("expiresIn").asLong()).isEqualTo(2592000000L);
    assertThat(f.get("blueprintId").asText()).isEqualTo("blueprint_1");
    assertThat(f.get("meta").get("team").asText()).isEqualTo("support");
    assertThat(f.get("createdAt").asText()).endsWith("Z");
    assertThat(f.get("updatedAt").asText()).endsWith("Z");
    assertThat(f.get("lastSyncedAt").isNull()).isTrue();
    Http.Answer list = get("/api/v1/integration/notion/list");
    assertThat(list.json().get("items")).hasSize(1);
    assertThat(list.json().get("items").get(0).get("token").asText()).isEqualTo("********");
    assertThat(list.body()).doesNotContain("secret_abc");
    String stored =
        jdbc.queryForObject(
            "SELECT token_enc FROM knowledge_integration WHERE id = ?", String.class, id);
    assertThat(stored).startsWith("v1:").doesNotContain("secret_abc");
  }

  @Test
  void integrationWithoutTokenShowsNull() {
    String id = integration("{\"name\":\"No token\"}");
    assertThat(fetch(id).get("token").isNull()).isTrue();
  }

  @Test
  void updateIsPartial() {
    String id =
        integration(
            "{\"name\":\"Wiki\",\"description\":\"d\",\"syncSchedule\":\"@daily\",\"expiresIn\":1000}");
    Http.Answer a =
        post("/api/v1/integration/notion/" + id + "/update", "{\"syncSchedule\":\"@hourly\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("id").asText()).isEqualTo(id);
    JsonNode f = fetch(id);
    assertThat(f.get("syncSchedule").asText()).isEqualTo("@hourly");
    assertThat(f.get("name").asText()).isEqualTo("Wiki");
    assertThat(f.get("description").asText()).isEqualTo("d");
    assertThat(f.get("expiresIn").asLong()).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"\""})
  void nullOrEmptyTokenRemovesIt(String token) {
    String id = integration("{\"token\":\"secret_x\"}");
    assertThat(fetch(id).get("token").asText()).isEqualTo("********");
    post("/api/v1/integration/notion/" + id + "/update", "{\"token\":" + token + "}");
    assertThat(fetch(id).get("token").isNull()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT token_enc FROM knowledge_integration WHERE id = ?", String.class, id))
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "7776000001", "1.5", "\"1000\"", "true", "null", "1e20"})
  void expiresInOutOfBoundsIsRefusedOnCreateAndUpdate(String value) {
    Http.Answer created =
        post("/api/v1/integration/notion/create", "{\"expiresIn\":" + value + "}");
    assertProblem(created, 400, "validation_failed");
    assertThat(created.json().get("errors").get(0).get("field").asText()).isEqualTo("expiresIn");
    String id = integration("{\"expiresIn\":5}");
    Http.Answer updated =
        post("/api/v1/integration/notion/" + id + "/update", "{\"expiresIn\":" + value + "}");
    assertProblem(updated, 400, "validation_failed");
    assertThat(updated.json().get("errors").get(0).get("field").asText()).isEqualTo("expiresIn");
    assertThat(fetch(id).get("expiresIn").asLong()).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "7776000000", "1209600000"})
  void expiresInWithinBoundsIsKept(String value) {
    String id = integration("{\"expiresIn\":" + value + "}");
    assertThat(fetch(id).get("expiresIn").asLong()).isEqualTo(Long.parseLong(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@hourly",
        "@daily",
        "@weekly",
        "*/15 * * * *",
        "0 3 * * 1-5",
        "30 2 1 * *",
        "0 0 12 * * ?",
        "0 15 10 ? * MON-FRI",
        "0 0 8 ? * SUN 2027"
      })
  void everyScheduleFormIsAcceptedStoredAsGivenAndScheduled(String schedule) {
    String id = integration("{\"syncSchedule\":\"" + schedule + "\"}");
    assertThat(fetch(id).get("syncSchedule").asText()).isEqualTo(schedule);
    assertThat(scheduler.state(id)).isEqualTo("NORMAL");
    assertThat(scheduler.nextFire(id)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@sometimes",
        "",
        "* * * *",
        "61 * * * *",
        "* 24 * * *",
        "* * 32 * *",
        "* * * 13 *",
        "* * * * 8",
        "0 0 0 * * *",
        "not a cron",
        "0 0 0 ? * * * *"
      })
  void invalidScheduleIsRefusedOnCreateAndUpdate(String schedule) {
    Http.Answer a =
        post("/api/v1/integration/notion/create", "{\"syncSchedule\":\"" + schedule + "\"}");
    assertProblem(a, 400, "validation_failed");
    assertThat(a.json().get("errors").get(0).get("field").asText()).isEqualTo("syncSchedule");
    String id = integration("{\"syncSchedule\":\"@daily\"}");
    assertProblem(
        post(
            "/api/v1/integration/notion/" + id + "/update",
            "{\"syncSchedule\":\"" + schedule + "\"}"),
        400,
        "validation_failed");
    assertThat(fetch(id).get("syncSchedule").asText()).isEqualTo("@daily");
  }

  /**
   * A Unix cron with both day fields runs when either matches (here on the 1st and on Mondays): two
   * triggers of one job; a later schedule with one day field leaves one.
   */
  @Test
  void bothDayFieldsScheduleTwoTriggersAndAChangeBackLeavesOne() {
    String id = integration("{\"syncSchedule\":\"0 0 1 * 1\"}");
    assertThat(fetch(id).get("syncSchedule").asText()).isEqualTo("0 0 1 * 1");
    assertThat(scheduler.triggerCount(id)).isEqualTo(2);
    assertThat(scheduler.state(id)).isEqualTo("NORMAL");
    assertThat(scheduler.nextFire(id)).isNotNull();
    post("/api/v1/integration/notion/" + id + "/update", "{\"syncSchedule\":\"@daily\"}");
    assertThat(scheduler.triggerCount(id)).isEqualTo(1);
    post("/api/v1/integration/notion/" + id + "/update", "{\"syncSchedule\":null}");
    assertThat(scheduler.triggerCount(id)).isZero();
  }

  @Test
  void scheduleChangeReplacesTheTriggerAndNullRemovesIt() {
    String id = integration("{\"syncSchedule\":\"@weekly\"}");
    Date weekly = scheduler.nextFire(id);
    post("/api/v1/integration/notion/" + id + "/update", "{\"syncSchedule\":\"* * * * *\"}");
    assertThat(scheduler.nextFire(id)).isBefore(weekly);
    post("/api/v1/integration/notion/" + id + "/update", "{\"syncSchedule\":null}");
    assertThat(scheduler.state(id)).isEqualTo("NONE");
  }

  @Test
  void badBodiesAreRefusedWithFieldPaths() {
    Http.Answer a =
        post(
            "/api/v1/integration/notion/create",
            "{\"name\":5,\"meta\":[1],\"unknown\":true,\"datasetId\":\"dataset_nope\"}");
    assertProblem(a, 400, "validation_failed");
    List<String> fields = a.json().get("errors").findValuesAsText("field");
    assertThat(fields).contains("name", "meta", "unknown");
    assertProblem(post("/api/v1/integration/notion/create", "{not json"), 400, "malformed");
    assertProblem(
        post("/api/v1/integration/notion/create", "{\"datasetId\":\"dataset_nope\"}"),
        400,
        "validation_failed");
    assertThat(get("/api/v1/integration/notion/list").json().get("items")).isEmpty();
  }

  @Test
  void syncWithoutDatasetIsAConflictThatDoesNotCount() {
    String id = integration("{\"token\":\"" + world.token + "\"}");
    assertProblem(post("/api/v1/integration/notion/" + id + "/sync", "{}"), 409, "conflict");
    String dataset = dataset();
    post("/api/v1/integration/notion/" + id + "/update", "{\"datasetId\":\"" + dataset + "\"}");
    Http.Answer first = post("/api/v1/integration/notion/" + id + "/sync", "{}");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("id").asText()).isEqualTo(id);
    Http.Answer second = post("/api/v1/integration/notion/" + id + "/sync", "{}");
    assertProblem(second, 429, "rate_limited");
    int retryAfter = Integer.parseInt(second.header("Retry-After"));
    assertThat(retryAfter).isBetween(890, 900);
  }

  @Test
  void syncWithoutATokenOrWithABadBodyIsRefusedAndDoesNotCount() {
    String id = integration("{\"datasetId\":\"" + dataset() + "\"}");
    assertThat(fetch(id).get("token").isNull()).isTrue();
    // It could only fail: refused at once, the 15-minute window untouched.
    assertProblem(post("/api/v1/integration/notion/" + id + "/sync", "{}"), 409, "conflict");
    post("/api/v1/integration/notion/" + id + "/update", "{\"token\":\"" + world.token + "\"}");
    assertProblem(post("/api/v1/integration/notion/" + id + "/sync", "{bad"), 400, "malformed");
    assertProblem(
        post("/api/v1/integration/notion/" + id + "/sync", "[]"), 400, "validation_failed");
    assertThat(runs(id)).isEmpty();
    // An empty body or an empty object is the call as the contract has it.
    assertThat(post("/api/v1/integration/notion/" + id + "/sync", "").status()).isEqualTo(200);
  }

  /** Connects the org and switches the AI source on over {@code page}. */
  private void enableAiSource(String page) {
    connect(org, world);
    Http.Answer on =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                admin,
                "{\"enabled\":true,\"aiSource\":{\"enabled\":true,\"sources\":[\""
                    + page
                    + "\"]}}");
    assertThat(on.status()).as(on.body()).isEqualTo(200);
  }

  @Test
  void theAiSourceIntegrationShowsNoTokenOnceDisconnectedAndItsMetaFollowsTheSettings() {
    String page = helpPage("Returns", "Returns", "Returns are free for 30 days.");
    enableAiSource(page);
    JsonNode managed = get("/api/v1/integration/notion/list").json().get("items").get(0);
    String id = managed.get("id").asText();
    assertThat(managed.get("token").asText()).isEqualTo("********");
    assertProblem(
        post("/api/v1/integration/notion/" + id + "/update", "{\"meta\":{}}"), 409, "conflict");
    assertThat(fetch(id).get("meta").get("managedBy").asText()).isEqualTo("aiSource");
    await().atMost(Duration.ofSeconds(30)).until(() -> lastRunFinished(id));
    assertThat(disconnect(org).status()).isEqualTo(204);
    assertThat(fetch(id).get("token").isNull()).isTrue();
  }

  @Test
  void syncRunsAsyncRecordsProgressAndSetsLastSyncedAt() {
    helpPage("Refunds", "Refund policy", "Refunds are paid within 14 days of the request.");
    helpPage("Shipping", "Shipping times", "Parcels leave the warehouse within two days.");
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    assertThat(post("/api/v1/integration/notion/" + id + "/sync", "{}").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> lastRunFinished(id));
    JsonNode run = runs(id).get(0);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.get("kind").asText()).isEqualTo("manual");
    // the knowledge-base page itself, its two help pages and the Tickets rows: every shared page
    assertThat(run.get("pagesSeen").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(run.get("recordsWritten").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(fetch(id).get("lastSyncedAt").asText()).endsWith("Z");
    JsonNode records = records(dataset);
    JsonNode refund = null;
    for (JsonNode r : records) {
      if (r.get("text").asText().contains("Refunds are paid")) {
        refund = r;
      }
    }
    assertThat(refund).as(records.toString()).isNotNull();
    assertThat(refund.get("source").get("title").asText()).isEqualTo("Refunds");
    assertThat(refund.get("source").get("url").asText()).startsWith("https://");
    assertThat(refund.get("source").get("pageId").asText()).isNotBlank();
    assertThat(refund.get("meta").get("headings").get(0).asText()).isEqualTo("Refund policy");
    assertThat(refund.get("expiresAt").isNull()).isTrue();
  }

  @Test
  void recordsExpireExpiresInAfterTheyAreCreated() {
    helpPage("Warranty", "Warranty", "Two years on every device.");
    String dataset = dataset();
    String id =
        integration(
            "{\"datasetId\":\"%s\",\"token\":\"%s\",\"expiresIn\":86400000}"
                .formatted(dataset, world.token));
    post("/api/v1/integration/notion/" + id + "/sync", "{}");
    await().atMost(Duration.ofSeconds(30)).until(() -> lastRunFinished(id));
    JsonNode r = records(dataset).get(0);
    Instant created = Instant.parse(r.get("createdAt").asText());
    Instant expires = Instant.parse(r.get("expiresAt").asText());
    assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void deleteCancelsTheScheduleRemovesTheTokenAndKeepsRecords() {
    helpPage("Passwords", "Reset", "Use the reset link on the sign-in page.");
    String dataset = dataset();
    String id =
        integration(
            "{\"datasetId\":\"%s\",\"token\":\"%s\",\"syncSchedule\":\"@hourly\"}"
                .formatted(dataset, world.token));
    post("/api/v1/integration/notion/" + id + "/sync", "{}");
    await().atMost(Duration.ofSeconds(30)).until(() -> lastRunFinished(id));
    int before = records(dataset).size();
    assertThat(before).isPositive();
    Http.Answer d = post("/api/v1/integration/notion/" + id + "/delete", "{}");
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.json().get("id").asText()).isEqualTo(id);
    assertThat(scheduler.state(id)).isEqualTo("NONE");
    assertProblem(get("/api/v1/integration/notion/" + id + "/fetch"), 404, "not_found");
    assertThat(records(dataset)).hasSize(before);
    assertThat(search(dataset, "reset link", 5)).isNotEmpty();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM knowledge_integration WHERE id = ?", Integer.class, id))
        .isZero();
  }

  @Test
  void anotherOrgsIdsAnswer404() {
    String dataset = dataset();
    String id = integration("{\"datasetId\":\"" + dataset + "\"}");
    String other = TestJwt.admin(newOrg());
    Http h = http();
    for (String path : List.of("/fetch", "/sync-runs")) {
      assertProblem(h.get("/api/v1/integration/notion/" + id + path, other), 404, "not_found");
    }
    for (String path : List.of("/update", "/delete", "/sync")) {
      assertProblem(
          h.json("POST", "/api/v1/integration/notion/" + id + path, other, "{}"), 404, "not_found");
    }
    assertProblem(h.get("/api/v1/dataset/" + dataset + "/record/list", other), 404, "not_found");
    assertProblem(
        h.json("POST", "/api/v1/dataset/" + dataset + "/search", other, "{\"search\":\"x\"}"),
        404,
        "not_found");
    assertProblem(
        h.json(
            "POST",
            "/api/v1/integration/notion/create",
            other,
            "{\"datasetId\":\"" + dataset + "\"}"),
        400,
        "validation_failed");
    assertThat(h.get("/api/v1/integration/notion/list", other).json().get("items")).isEmpty();
    assertThat(fetch(id).get("datasetId").asText()).isEqualTo(dataset);
  }

  @Test
  void agentsMaySearchButNotManageAndBasicPlansAreRefused() {
    String dataset = dataset();
    Http h = http();
    Http.Answer agentSearch =
        h.json(
            "POST",
            "/api/v1/dataset/" + dataset + "/search",
            TestJwt.agent(org),
            "{\"search\":\"refund\"}");
    assertThat(agentSearch.status()).as(agentSearch.body()).isEqualTo(200);
    assertThat(agentSearch.json().get("records")).isEmpty();
    assertProblem(
        h.json("POST", "/api/v1/integration/notion/create", TestJwt.agent(org), "{}"),
        403,
        "admin_required");
    assertProblem(
        h.get("/api/v1/dataset/" + dataset + "/record/list", TestJwt.agent(org)),
        403,
        "admin_required");
    assertProblem(
        h.json(
            "POST",
            "/api/v1/dataset/" + dataset + "/search",
            TestJwt.basicPlanAdmin(org),
            "{\"search\":\"refund\"}"),
        403,
        "pro_plan_required");
    assertProblem(h.get("/api/v1/integration/notion/list", null), 401, "unauthorized");
  }

  @Test
  void searchValidatesItsBody() {
    String dataset = dataset();
    String path = "/api/v1/dataset/" + dataset + "/search";
    for (String body :
        List.of(
            "{\"search\":\"\"}",
            "{}",
            "{\"search\":\"x\",\"limit\":0}",
            "{\"search\":\"x\",\"limit\":101}",
            "{\"search\":\"x\",\"limit\":\"5\"}",
            "{\"search\":5}")) {
      assertProblem(post(path, body), 400, "validation_failed");
    }
    assertThat(post(path, "{\"search\":\"x\",\"limit\":100}").status()).isEqualTo(200);
    assertProblem(post("/api/v1/dataset/create", "{}"), 400, "validation_failed");
  }

  @Test
  void indexBehindTheRecordsTableIsRebuiltFromIt() {
    helpPage("Vouchers", "Gift vouchers", "Vouchers are valid for two years.");
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    post("/api/v1/integration/notion/" + id + "/sync", "{}");
    await().atMost(Duration.ofSeconds(30)).until(() -> lastRunFinished(id));
    assertThat(search(dataset, "voucher", 5)).hasSize(1);
    // Another replica wrote a record and bumped the version: this replica's index is stale.
    jdbc.update(
        """
        INSERT INTO knowledge_record (id, dataset_id, org_id, integration_id, page_id, chunk_no,
            text, title, url, headings, meta, created_at, updated_at)
        VALUES ('rec_other_replica', ?, ?, ?, 'page-x', 0, 'Vouchers can be topped up in the app.',
            'Top-ups', 'https://www.notion.so/x', '[]', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
        dataset,
        org,
        id);
    jdbc.update(
        "UPDATE knowledge_dataset SET index_version = index_version + 1 WHERE id = ?", dataset);
    assertThat(search(dataset, "voucher", 5))
        .extracting(r -> r.get("id").asText())
        .contains("rec_other_replica");
    jdbc.update("DELETE FROM knowledge_record WHERE id = 'rec_other_replica'");
    jdbc.update(
        "UPDATE knowledge_dataset SET index_version = index_version + 1 WHERE id = ?", dataset);
    assertThat(search(dataset, "voucher", 5)).hasSize(1);
  }

  /**
   * The aiSource toggle is reconciled by the timer, by each list request and by every replica,
   * often at the same moment: however many race on a freshly enabled org, it gets one integration,
   * one live schedule and its first sync (a lost race used to fail the scheduling and skip the
   * sync).
   */
  @Test
  void concurrentReconcilesCreateOneScheduledIntegrationAndSyncIt() throws Exception {
    String page = helpPage("Warranty", "Two years", "Every device has a two-year warranty.");
    enableAiSource(page);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int n = 0; n < 25; n++) {
                    reconciler.reconcile(org);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(); // a reconcile that lost the race must not throw
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode items = get("/api/v1/integration/notion/list").json().get("items");
    assertThat(items).hasSize(1);
    String id = items.get(0).get("id").asText();
    assertThat(scheduler.state(id)).isEqualTo("NORMAL");
    // the reconciles that lost the race left no dataset of their own behind
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM knowledge_dataset WHERE org_id = ?", Integer.class, org))
        .isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> lastRunFinished(id));
    assertThat(runs(id).get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(search(items.get(0).get("datasetId").asText(), "warranty", 5)).hasSize(1);
  }
}
