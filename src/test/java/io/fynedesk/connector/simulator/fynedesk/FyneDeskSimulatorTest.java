package io.fynedesk.connector.simulator.fynedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.fynedesk.ArticleUpdate;
import io.fynedesk.connector.fynedesk.FyneDeskClient;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import io.fynedesk.connector.fynedesk.FyneDeskProperties;
import io.fynedesk.connector.fynedesk.NewArticle;
import io.fynedesk.connector.support.Hmac;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FyneDeskSimulatorTest {

  private static final String ORG = "org_42";
  private static final String SECRET = "events-secret";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private EventReceiver receiver;
  private FyneDeskSimulator sim;

  @BeforeEach
  void start() {
    receiver = new EventReceiver();
    sim = FyneDeskSimulator.start().token("secret-token").events(receiver.url(), SECRET);
    sim.addTicket(ORG, FyneDeskSimulator.sampleTicket("t1", "Printer on fire"));
  }

  @AfterEach
  void stop() {
    sim.close();
    receiver.close();
  }

  @Test
  void apiRejectsMissingOrWrongBearerTokenWith401() throws Exception {
    assertThat(send("GET", "/api/v1/tickets/t1", null, ORG, null).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = send("GET", "/api/v1/tickets/t1", "Bearer nope", ORG, null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json.readTree(wrong.body()).path("code").asText()).isEqualTo("unauthorized");
    assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void seedPathStoresTicketsWithoutEventsSoLinksToThemSucceed() throws Exception {
    String body =
        """
        {"organizationId": "%s", "tickets": [
          {"id": "load-1", "subject": "First", "status": "open", "priority": "normal"},
          {"id": "load-2", "subject": "Second", "status": "new", "priority": "high"}]}
        """
            .formatted(ORG);

    HttpResponse<String> seeded =
        send("POST", FyneDeskSimulator.SEED_TICKETS_PATH, null, null, body);
    HttpResponse<String> linked =
        send(
            "POST",
            "/api/v1/tickets/load-2/links",
            "Bearer secret-token",
            ORG,
            "{\"type\":\"notion_page\",\"externalId\":\"p-2\",\"url\":\"https://notion.so/p2\"}");

    assertThat(seeded.statusCode()).isEqualTo(200);
    assertThat(json.readTree(seeded.body()).path("stored").asInt()).isEqualTo(2);
    assertThat(sim.ticket(ORG, "load-1"))
        .hasValueSatisfying(t -> assertThat(t.subject()).isEqualTo("First"));
    assertThat(linked.statusCode()).isEqualTo(201);
    assertThat(sim.emittedEvents()).isEmpty();
    assertThat(
            send("POST", FyneDeskSimulator.SEED_TICKETS_PATH, null, null, "{\"tickets\": []}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void apiRequiresTheOrganizationHeader() throws Exception {
    assertThat(send("GET", "/api/v1/tickets/t1", "Bearer secret-token", null, null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void ticketOfAnotherOrganizationIsNotFound() throws Exception {
    assertThat(
            send("GET", "/api/v1/tickets/t1", "Bearer secret-token", "org_other", null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void unknownStatusAndUnknownActionAreRejectedWith400() throws Exception {
    assertThat(
            send("PATCH", "/api/v1/tickets/t1", "Bearer secret-token", ORG, "{\"status\":\"done\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send(
                    "POST",
                    "/api/v1/tickets/t1/actions",
                    "Bearer secret-token",
                    ORG,
                    "{\"action\":\"merge\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send("PATCH", "/api/v1/tickets/t1", "Bearer secret-token", ORG, "not json")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void emittedEventIsSignedWithTheEventsSecret() throws Exception {
    sim.createTicket(ORG, FyneDeskSimulator.sampleTicket("t2", "New one"));

    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    EventReceiver.Received event = receiver.received().get(0);
    assertThat(Hmac.verify(SECRET, event.body(), event.signature())).isTrue();
    JsonNode envelope = json.readTree(event.body());
    assertThat(envelope.path("id").asText()).startsWith("evt_");
    assertThat(envelope.path("type").asText()).isEqualTo("ticket.created");
    assertThat(envelope.path("organizationId").asText()).isEqualTo(ORG);
    assertThat(envelope.path("occurredAt").asText()).endsWith("Z");
    assertThat(envelope.at("/data/ticket/subject").asText()).isEqualTo("New one");
    assertThat(envelope.has("origin")).isFalse();
  }

  @Test
  void autoEmitCopiesTheOriginHeaderOfTheWriteIntoTheEvent() throws Exception {
    sim.autoEmit(true);
    send(
        "PATCH",
        "/api/v1/tickets/t1",
        "Bearer secret-token",
        ORG,
        "{\"status\":\"solved\"}",
        FyneDeskHeaders.ORIGIN,
        FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR);

    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    JsonNode envelope = json.readTree(receiver.received().get(0).body());
    assertThat(envelope.path("type").asText()).isEqualTo("ticket.status_changed");
    assertThat(envelope.path("origin").asText()).isEqualTo(FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR);
    assertThat(envelope.at("/data/ticket/status").asText()).isEqualTo("solved");
  }

  @Test
  void humanStatusChangeEmitsAnEventWithoutOrigin() throws Exception {
    sim.changeTicketStatus(ORG, "t1", "pending");

    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    JsonNode envelope = json.readTree(receiver.received().get(0).body());
    assertThat(envelope.path("type").asText()).isEqualTo("ticket.status_changed");
    assertThat(envelope.has("origin")).isFalse();
  }

  @Test
  void escalateActionEmitsTicketEscalatedAndOtherActionsTicketUpdated() {
    sim.autoEmit(true);
    String body = "{\"action\":\"escalate\"}";
    assertThat(sendQuietly("/api/v1/tickets/t1/actions", body)).isEqualTo(202);
    assertThat(sendQuietly("/api/v1/tickets/t1/actions", "{\"action\":\"close\"}")).isEqualTo(202);

    await().atMost(WAIT).until(() -> sim.deliveries().size() == 2);
    assertThat(sim.emittedEvents())
        .extracting(e -> e.path("type").asText())
        .containsExactly("ticket.escalated", "ticket.updated");
    assertThat(sim.actions(ORG, "t1")).containsExactly("escalate", "close");
    assertThat(sim.ticket(ORG, "t1").orElseThrow().status()).isEqualTo("closed");
  }

  @Test
  void apiWritesEmitNothingWhenAutoEmitIsOff() {
    assertThat(sendQuietly("/api/v1/tickets/t1/actions", "{\"action\":\"reopen\"}")).isEqualTo(202);

    assertThat(sim.emittedEvents()).isEmpty();
  }

  @Test
  void emissionIsRetriedWhenTheReceiverAnswers500Once() throws Exception {
    receiver.answer(500);
    String id = sim.emit(ORG, "ticket.updated", json.readTree("{\"ticket\":{\"id\":\"t1\"}}"));

    await().atMost(WAIT).until(() -> receiver.received().size() == 2);
    assertThat(receiver.received())
        .extracting(r -> json.readTree(r.body()).path("id").asText())
        .containsExactly(id, id);
    await().atMost(WAIT).until(() -> sim.deliveries().size() == 2);
    assertThat(sim.deliveries())
        .extracting(EventDelivery::attempt, EventDelivery::status)
        .containsExactly(tuple(1, 500), tuple(2, 202));
  }

  @Test
  void articleWriteThroughTheConnectorClientEmitsArticleUpdatedWithItsOrigin() throws Exception {
    sim.autoEmit(true);
    FyneDeskClient client =
        new FyneDeskClient(
            new FyneDeskProperties(
                new FyneDeskProperties.Api(sim.baseUrl(), "secret-token"), null, null),
            json);

    Article created = client.createArticle(ORG, new NewArticle("Title", "<p>Body</p>", "en", null));
    client.updateArticle(ORG, created.id(), new ArticleUpdate("Title 2", "<p>Body 2</p>", null));

    await().atMost(WAIT).until(() -> receiver.received().size() == 2);
    List<JsonNode> events = receiver.received().stream().map(r -> parse(r.body())).toList();
    assertThat(events).extracting(e -> e.path("type").asText()).containsOnly("article.updated");
    assertThat(events)
        .extracting(e -> e.path("origin").asText())
        .containsOnly(FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR);
    // The emitter delivers from two threads, so the two events may arrive in either order (as a
    // real sender's may): each write is one event, with its own title.
    assertThat(events)
        .extracting(e -> e.at("/data/article/title").asText())
        .containsExactlyInAnyOrder("Title", "Title 2");
  }

  @Test
  void concurrentLinksOfOnePageStoreOneLink() throws Exception {
    String body =
        "{\"type\":\"notion_page\",\"externalId\":\"p1\",\"url\":\"https://notion.so/p1\",\"title\":\"T\"}";
    List<CompletableFuture<Integer>> posts =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> sendQuietly("/api/v1/tickets/t1/links", body)))
            .toList();

    List<Integer> statuses = posts.stream().map(CompletableFuture::join).toList();

    assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
    assertThat(sim.links(ORG, "t1")).hasSize(1);
  }

  @Test
  void injectedFaultAnswersTheNextCallsThenRecovers() {
    sim.failNext("/api/v1/tickets/t1", 2, 503);

    List<Integer> statuses =
        List.of(get("/api/v1/tickets/t1"), get("/api/v1/tickets/t1"), get("/api/v1/tickets/t1"));

    assertThat(statuses).containsExactly(503, 503, 200);
    assertThat(sim.calls("GET", "/api/v1/tickets/t1"))
        .extracting(RecordedCall::status)
        .containsExactly(503, 503, 200);
  }

  @Test
  void callsAreRecordedWithOrganizationOriginAndBody() {
    sendQuietly("/api/v1/tickets/t1/actions", "{\"action\":\"reopen\"}");

    RecordedCall call = sim.calls().get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.org()).isEqualTo(ORG);
    assertThat(call.origin()).isEqualTo("tests");
    assertThat(call.body()).isEqualTo("{\"action\":\"reopen\"}");
    assertThat(call.status()).isEqualTo(202);
  }

  private JsonNode parse(byte[] body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private int get(String path) {
    try {
      return send("GET", path, "Bearer secret-token", ORG, null).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int sendQuietly(String path, String body) {
    try {
      return send("POST", path, "Bearer secret-token", ORG, body, FyneDeskHeaders.ORIGIN, "tests")
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(
      String method, String path, String authorization, String org, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (org != null) {
      request.header(FyneDeskHeaders.ORGANIZATION, org);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
