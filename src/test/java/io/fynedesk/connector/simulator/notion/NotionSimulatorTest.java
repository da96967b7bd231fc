package io.fynedesk.connector.simulator.notion;

import static io.fynedesk.connector.simulator.notion.NotionSimAssert.assertThatNotion;
import static io.fynedesk.connector.simulator.notion.SimFixtures.DATA_SOURCE;
import static io.fynedesk.connector.simulator.notion.SimFixtures.TOKEN;
import static io.fynedesk.connector.simulator.notion.SimFixtures.paragraph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.fynedesk.connector.support.Hmac;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotionSimulatorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String V = "2025-09-03";
  private final HttpClient http = HttpClient.newHttpClient();
  private NotionSimulator sim;
  private SimFixtures fx;

  @BeforeEach
  void start() {
    sim =
        NotionSimulator.start(
            0, Clock.fixed(Instant.parse("2026-05-04T10:17:42.123Z"), ZoneOffset.UTC));
    sim.rateLimitOff();
    fx = new SimFixtures(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  record Response(int status, JsonNode body, HttpResponse<String> raw) {
    String code() {
      return body.path("code").asText();
    }
  }

  private Response send(String method, String path, Object body, String version, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : MAPPER.writeValueAsString(body)));
    if (version != null) {
      b.header("Notion-Version", version);
    }
    if (token != null) {
      b.header("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(
        r.statusCode(),
        r.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body()),
        r);
  }

  private Response send(String method, String path, Object body) throws Exception {
    return send(method, path, body, V, TOKEN);
  }

  private ObjectNode append(ObjectNode... children) {
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode array = body.putArray("children");
    for (ObjectNode c : children) {
      array.add(c);
    }
    return body;
  }

  private ObjectNode row(String name, Map<String, ObjectNode> extra) {
    ObjectNode body = MAPPER.createObjectNode();
    body.putObject("parent").put("data_source_id", DATA_SOURCE);
    ObjectNode props = body.putObject("properties");
    props.putObject("Name").putArray("title").addObject().putObject("text").put("content", name);
    extra.forEach(props::set);
    return body;
  }

  @Test
  void missingNotionVersionIsRejectedWithMissingVersion() throws Exception {
    Response r = send("GET", "/v1/users/me", null, null, TOKEN);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("missing_version");
    assertThat(r.body().path("object").asText()).isEqualTo("error");
    assertThat(r.raw().headers().firstValue("x-notion-request-id"))
        .contains(r.body().path("request_id").asText());
  }

  @Test
  void malformedJsonIsRejectedWithInvalidJson() throws Exception {
    assertThat(send("POST", "/v1/search", "{not json").code()).isEqualTo("invalid_json");
  }

  @Test
  void unknownPathOrMethodIsRejectedWithInvalidRequestUrl() throws Exception {
    assertThat(send("GET", "/v1/nothing", null).code()).isEqualTo("invalid_request_url");
    assertThat(send("PUT", "/v1/pages/" + fx.pageId, "{}").code()).isEqualTo("invalid_request_url");
  }

  @Test
  void moreThanOneHundredChildrenAreRejected() throws Exception {
    ObjectNode[] children = new ObjectNode[101];
    for (int i = 0; i < children.length; i++) {
      children[i] = paragraph("p" + i);
    }

    Response r = send("PATCH", "/v1/blocks/" + fx.pageId + "/children", append(children));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("validation_error");
    assertThat(sim.children(fx.pageId)).isEmpty();
  }

  @Test
  void threeLevelsOfNestingInOneRequestAreRejected() throws Exception {
    Response r =
        send(
            "PATCH",
            "/v1/blocks/" + fx.pageId + "/children",
            append(paragraph("1", paragraph("2", paragraph("3")))));

    assertThat(r.code()).isEqualTo("validation_error");
    assertThat(
            send(
                    "PATCH",
                    "/v1/blocks/" + fx.pageId + "/children",
                    append(paragraph("1", paragraph("2"))))
                .status())
        .isEqualTo(200);
  }

  @Test
  void textLongerThanTwoThousandUnitsIsRejected() throws Exception {
    Response r =
        send("PATCH", "/v1/blocks/" + fx.pageId + "/children", append(paragraph("x".repeat(2001))));

    assertThat(r.code()).isEqualTo("validation_error");
    assertThat(r.body().path("message").asText()).contains("2001");
  }

  @Test
  void blockTypesThatCannotBeCreatedAreRejected() throws Exception {
    for (String type :
        List.of(
            "child_page",
            "child_database",
            "link_preview",
            "meeting_notes",
            "unsupported",
            "bogus")) {
      ObjectNode block = MAPPER.createObjectNode().put("type", type);
      block.putObject(type).put("title", "x");

      assertThat(send("PATCH", "/v1/blocks/" + fx.pageId + "/children", append(block)).code())
          .as(type)
          .isEqualTo("validation_error");
    }
  }

  @Test
  void unknownPropertyIsRejectedNamingIt() throws Exception {
    ObjectNode extra = MAPPER.createObjectNode();
    extra.putArray("rich_text");

    Response r = send("POST", "/v1/pages", row("T-1", Map.of("Colour", extra)));

    assertThat(r.code()).isEqualTo("validation_error");
    assertThat(r.body().path("message").asText()).contains("Colour");
  }

  @Test
  void missingStatusOptionIsRejectedButMissingSelectOptionIsCreated() throws Exception {
    ObjectNode status = MAPPER.createObjectNode();
    status.putObject("status").put("name", "Nope");
    ObjectNode select = MAPPER.createObjectNode();
    select.putObject("select").put("name", "Urgent");

    assertThat(send("POST", "/v1/pages", row("T-1", Map.of("Status", status))).code())
        .isEqualTo("validation_error");
    Response ok = send("POST", "/v1/pages", row("T-2", Map.of("Priority", select)));

    assertThat(ok.status()).isEqualTo(200);
    assertThatNotion(sim)
        .page(ok.body().path("id").asText())
        .hasProperty("Priority", "Urgent")
        .hasProperty("Status", "Open")
        .hasProperty("Name", "T-2");
    assertThat(
            send("GET", "/v1/data_sources/" + DATA_SOURCE, null)
                .body()
                .at("/properties/Priority/select/options")
                .findValuesAsText("name"))
        .contains("Urgent");
  }

  @Test
  void wrongValueShapeIsRejected() throws Exception {
    ObjectNode number = MAPPER.createObjectNode().put("number", "seven");

    assertThat(send("POST", "/v1/pages", row("T-1", Map.of("Count", number))).code())
        .isEqualTo("validation_error");
  }

  @Test
  void objectsNotSharedWithTheTokenAreNotFound() throws Exception {
    assertThat(send("GET", "/v1/pages/" + fx.privatePageId, null).code())
        .isEqualTo("object_not_found");
    assertThat(send("GET", "/v1/blocks/" + fx.privatePageId + "/children", null).status())
        .isEqualTo(404);
    assertThat(send("GET", "/v1/pages/" + fx.pageId, null).status()).isEqualTo(200);
  }

  @Test
  void revokedTokenIsUnauthorized() throws Exception {
    sim.revokeToken(TOKEN);

    Response r = send("GET", "/v1/users/me", null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("unauthorized");
  }

  @Test
  void pageSizeAboveOneHundredIsRejected() throws Exception {
    assertThat(send("GET", "/v1/blocks/" + fx.pageId + "/children?page_size=101", null).code())
        .isEqualTo("validation_error");
  }

  @Test
  void timestampsAreRoundedDownToTheMinute() throws Exception {
    Response r = send("POST", "/v1/pages", row("T-1", Map.of()));

    assertThat(r.body().path("last_edited_time").asText()).isEqualTo("2026-05-04T10:17:00.000Z");
    assertThat(r.body().path("created_time").asText()).isEqualTo("2026-05-04T10:17:00.000Z");
    assertThat(r.body().at("/parent/type").asText()).isEqualTo("data_source_id");
    assertThat(r.body().at("/parent/database_id").asText()).isEqualTo(SimFixtures.DATABASE);
  }

  @Test
  void archivedIsRefusedFromVersion20260311() throws Exception {
    String id = send("POST", "/v1/pages", row("T-1", Map.of())).body().path("id").asText();

    Response refused = send("PATCH", "/v1/pages/" + id, "{\"archived\":true}", "2026-03-11", TOKEN);
    Response accepted = send("PATCH", "/v1/pages/" + id, "{\"archived\":true}", V, TOKEN);

    assertThat(refused.code()).isEqualTo("validation_error");
    assertThat(accepted.body().path("in_trash").asBoolean()).isTrue();
    assertThatNotion(sim).page(id).isInTrash();
  }

  @Test
  void queryFiltersOnStatusAndPaginates() throws Exception {
    for (int i = 0; i < 5; i++) {
      sim.seedRow(DATA_SOURCE, Map.of("Name", "Row " + i, "Status", i % 2 == 0 ? "Done" : "Open"));
    }
    String filter =
        "{\"filter\":{\"and\":[{\"property\":\"Status\",\"status\":{\"equals\":\"Done\"}},"
            + "{\"property\":\"Name\",\"title\":{\"contains\":\"row\"}}]},\"page_size\":2}";

    Response first = send("POST", "/v1/data_sources/" + DATA_SOURCE + "/query", filter);
    String next = first.body().path("next_cursor").asText();
    Response second =
        send(
            "POST",
            "/v1/data_sources/" + DATA_SOURCE + "/query",
            filter.replace("\"page_size\":2", "\"page_size\":2,\"start_cursor\":\"" + next + "\""));

    assertThat(first.body().path("results")).hasSize(2);
    assertThat(first.body().path("has_more").asBoolean()).isTrue();
    assertThat(second.body().path("results")).hasSize(1);
    assertThat(second.body().path("has_more").asBoolean()).isFalse();
    assertThat(
            send(
                    "POST",
                    "/v1/data_sources/" + DATA_SOURCE + "/query",
                    "{\"filter\":{\"property\":\"Nope\",\"status\":{\"equals\":\"x\"}}}")
                .code())
        .isEqualTo("validation_error");
  }

  @Test
  void overTheRateLimitAnswers429WithIntegerRetryAfter() throws Exception {
    sim.rateLimit(1, 2);

    List<Response> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(send("GET", "/v1/users/me", null));
    }

    Response limited = answers.get(2);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("rate_limited");
    assertThat(limited.raw().headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
    assertThat(limited.body().at("/additional_data/rate_limit_reason").asText()).isNotBlank();
  }

  @Test
  void statsCountRequestsRateLimitsAndPagesWithoutSpendingTheBudget() throws Exception {
    sim.rateLimit(1, 2);
    Response created = send("POST", "/v1/pages", row("One", Map.of()));
    send("GET", "/v1/users/me", null);
    Response limited = send("GET", "/v1/users/me", null);

    Response stats = send("GET", "/_sim/stats", null, null, null);
    Response again = send("GET", "/_sim/stats", null, null, null);

    assertThat(created.status()).isEqualTo(200);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.body().path("requests").asLong()).isEqualTo(3);
    assertThat(stats.body().path("rateLimited").asLong()).isEqualTo(1);
    assertThat(stats.body().path("pagesCreated").asLong()).isEqualTo(1);
    assertThat(stats.body().at("/rows/" + DATA_SOURCE).asLong()).isEqualTo(1);
    assertThat(stats.body().at("/byEndpoint/GET ~1v1~1users~1{id}").asLong()).isEqualTo(2);
    assertThat(stats.body().path("lastPageCreatedAt").asLong())
        .isBetween(
            stats.body().path("firstRequestAt").asLong(),
            stats.body().path("lastRequestAt").asLong());
    assertThat(again.body()).isEqualTo(stats.body());
    assertThat(sim.calls()).hasSize(3);
    assertThat(send("POST", "/_sim/stats", "{}", null, null).status()).isEqualTo(400);
  }

  @Test
  void oauthCodeExchangeIssuesRollingRefreshTokens() throws Exception {
    sim.oauthClient("client", "secret")
        .authorizationCode(
            "code-1", SimFixtures.WORKSPACE, SimFixtures.PERSON, "https://app.test/cb", fx.pageId);
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("client:secret".getBytes(StandardCharsets.UTF_8));

    Response bad =
        send(
            "POST",
            "/v1/oauth/token",
            "{\"grant_type\":\"authorization_code\",\"code\":\"nope\"}",
            null,
            basic);
    Response issued =
        send(
            "POST",
            "/v1/oauth/token",
            "{\"grant_type\":\"authorization_code\",\"code\":\"code-1\","
                + "\"redirect_uri\":\"https://app.test/cb\"}",
            null,
            basic);
    String refresh = issued.body().path("refresh_token").asText();
    Response refreshed =
        send(
            "POST",
            "/v1/oauth/token",
            "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\"}",
            null,
            basic);
    Response reused =
        send(
            "POST",
            "/v1/oauth/token",
            "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\"}",
            null,
            basic);

    assertThat(bad.code()).isEqualTo("invalid_grant");
    assertThat(issued.body().path("token_type").asText()).isEqualTo("bearer");
    assertThat(refresh).startsWith("nrt_");
    assertThat(issued.body().at("/owner/user/person/email").asText()).isEqualTo("alice@acme.test");
    assertThat(issued.body().has("expires_in")).isFalse();
    assertThat(refreshed.body().path("refresh_token").asText())
        .startsWith("nrt_")
        .isNotEqualTo(refresh);
    assertThat(reused.code()).isEqualTo("invalid_grant");
    String access = refreshed.body().path("access_token").asText();
    assertThat(send("GET", "/v1/pages/" + fx.pageId, null, V, access).status()).isEqualTo(200);
    send("POST", "/v1/oauth/revoke", "{\"token\":\"" + access + "\"}", null, basic);
    assertThat(send("GET", "/v1/pages/" + fx.pageId, null, V, access).code())
        .isEqualTo("unauthorized");
  }

  @Test
  void webhooksAreSignedAndRetriedWithTheNextAttemptNumber() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    AtomicInteger count = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          signatures.add(exchange.getRequestHeaders().getFirst("X-Notion-Signature"));
          exchange.sendResponseHeaders(count.incrementAndGet() == 2 ? 500 : 200, -1);
          exchange.close();
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      sim.webhookTiming(Duration.ofMillis(100), Duration.ofMillis(50));
      String secret = sim.sendHandshake(url);
      sim.subscribe(url, secret);
      String page = send("POST", "/v1/pages", row("T-1", Map.of())).body().path("id").asText();

      await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() >= 3);

      assertThat(MAPPER.readTree(bodies.get(0)).path("verification_token").asText())
          .isEqualTo(secret);
      assertThat(signatures.get(0)).isNull();
      JsonNode first = MAPPER.readTree(bodies.get(1));
      JsonNode retry = MAPPER.readTree(bodies.get(2));
      assertThat(first.path("type").asText()).isEqualTo("page.created");
      assertThat(first.at("/entity/id").asText()).isEqualTo(page);
      assertThat(first.at("/data/parent/data_source_id").asText()).isEqualTo(DATA_SOURCE);
      assertThat(first.at("/authors/0/type").asText()).isEqualTo("bot");
      assertThat(first.path("attempt_number").asInt()).isEqualTo(1);
      assertThat(retry.path("attempt_number").asInt()).isEqualTo(2);
      assertThat(retry.path("id").asText()).isEqualTo(first.path("id").asText());
      assertThat(
              Hmac.verify(
                  secret, bodies.get(2).getBytes(StandardCharsets.UTF_8), signatures.get(2)))
          .isTrue();
      assertThat(
              Hmac.verify(
                  "wrong", bodies.get(2).getBytes(StandardCharsets.UTF_8), signatures.get(2)))
          .isFalse();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void humanEditsWithinTheWindowAreAggregatedIntoOneEvent() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    try {
      String row = sim.seedRow(DATA_SOURCE, Map.of("Name", "T-1"));
      sim.webhookTiming(Duration.ofMillis(300), Duration.ofMillis(50));
      sim.subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "secret_x");

      sim.editPageProperty(row, "Status", "Done");
      sim.editPageProperty(row, "Priority", "High");

      await().atMost(Duration.ofSeconds(5)).until(() -> !bodies.isEmpty());
      JsonNode event = MAPPER.readTree(bodies.get(0));
      assertThat(event.path("type").asText()).isEqualTo("page.properties_updated");
      assertThat(event.at("/data/updated_properties")).hasSize(2);
      assertThat(event.at("/authors/0/id").asText()).isEqualTo(SimFixtures.PERSON);
      assertThat(event.at("/authors/0/type").asText()).isEqualTo("person");
      assertThatNotion(sim).page(row).hasProperty("Status", "Done").hasProperty("Priority", "High");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void moreThanOneThousandBlocksInOneRequestAreRejected() throws Exception {
    ObjectNode[] parents = new ObjectNode[11];
    for (int i = 0; i < parents.length; i++) {
      ObjectNode[] leaves = new ObjectNode[100];
      for (int j = 0; j < leaves.length; j++) {
        leaves[j] = paragraph("c");
      }
      parents[i] = paragraph("p" + i, leaves);
    }

    Response r = send("PATCH", "/v1/blocks/" + fx.pageId + "/children", append(parents));

    assertThat(r.code()).isEqualTo("validation_error");
    assertThat(r.body().path("message").asText()).contains("1000");
  }

  @Test
  void payloadAboveFiveHundredKilobytesIsRejected() throws Exception {
    ObjectNode[] blocks = new ObjectNode[100];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = paragraph("é".repeat(1500));
      ArrayNode richText = (ArrayNode) blocks[i].at("/paragraph/rich_text");
      richText.add(richText.get(0).deepCopy());
    }

    Response r = send("PATCH", "/v1/blocks/" + fx.pageId + "/children", append(blocks));

    assertThat(r.code()).isEqualTo("validation_error");
    assertThat(sim.children(fx.pageId)).isEmpty();
  }

  @Test
  void richTextArraysEquationsAndUrlsBeyondTheirLimitsAreRejected() throws Exception {
    ObjectNode manyItems = paragraph("x");
    ArrayNode items = (ArrayNode) manyItems.at("/paragraph/rich_text");
    for (int i = 0; i < 100; i++) {
      items.add(items.get(0).deepCopy());
    }
    ObjectNode equation = MAPPER.createObjectNode().put("type", "equation");
    equation.putObject("equation").put("expression", "x".repeat(1001));
    ObjectNode bookmark = MAPPER.createObjectNode().put("type", "bookmark");
    bookmark.putObject("bookmark").put("url", "https://a.test/" + "x".repeat(2000));
    ObjectNode link = paragraph("x");
    ((ObjectNode) link.at("/paragraph/rich_text/0/text"))
        .putObject("link")
        .put("url", "https://a.test/" + "x".repeat(2000));

    for (ObjectNode block : List.of(manyItems, equation, bookmark, link)) {
      assertThat(send("PATCH", "/v1/blocks/" + fx.pageId + "/children", append(block)).code())
          .as(block.path("type").asText())
          .isEqualTo("validation_error");
    }
  }

  @Test
  void timedFaultAnswersUntilItsDurationHasPassed() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    try (NotionSimulator timed = NotionSimulator.start(0, clock)) {
      timed.rateLimitOff();
      new SimFixtures(timed);
      timed.inject(
          Fault.status(503, "service_unavailable")
              .on("GET", "/v1/users/me")
              .during(Duration.ofSeconds(30)));
      NotionSimulator previous = sim;
      sim = timed;
      try {
        assertThat(send("GET", "/v1/users/me", null).status()).isEqualTo(503);
        assertThat(send("GET", "/v1/users/me", null).status()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(31));
        assertThat(send("GET", "/v1/users/me", null).status()).isEqualTo(200);
      } finally {
        sim = previous;
      }
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void latencyFaultDelaysTheAnswer() throws Exception {
    sim.inject(Fault.latency(Duration.ofMillis(300)).on("GET", "/v1/users/me"));
    long start = System.nanoTime();

    Response r = send("GET", "/v1/users/me", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void callLogRecordsVersionTokenAndStatus() throws Exception {
    send("GET", "/v1/users/me", null);

    RecordedCall call = sim.calls("GET", "/v1/users/me").get(0);
    assertThat(call.notionVersion()).isEqualTo(V);
    assertThat(call.token()).isEqualTo(TOKEN);
    assertThat(call.status()).isEqualTo(200);
  }
}
