package io.fynedesk.connector.fynedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.fynedesk.RecordedCall;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FyneDeskClientTest {

  private static final String ORG = "org_42";
  private static final String TOKEN = "api-token";

  private final ObjectMapper json = new ObjectMapper();
  private FyneDeskSimulator sim;
  private FyneDeskClient client;
  private Ticket seeded;

  @BeforeEach
  void start() {
    sim = FyneDeskSimulator.start().token(TOKEN);
    seeded = sim.addTicket(ORG, FyneDeskSimulator.sampleTicket("t1", "Printer on fire"));
    client = clientFor(sim.baseUrl(), TOKEN);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void getTicketReadsEveryField() {
    assertThat(client.getTicket(ORG, "t1")).isEqualTo(seeded);
  }

  @Test
  void updateTicketStatusReturnsTheUpdatedTicket() {
    Ticket updated = client.updateTicketStatus(ORG, "t1", "solved");

    assertThat(updated.status()).isEqualTo("solved");
    assertThat(sim.ticket(ORG, "t1").orElseThrow().status()).isEqualTo("solved");
  }

  @Test
  void ticketActionIsPostedToFyneDesk() {
    client.ticketAction(ORG, "t1", "escalate");

    assertThat(sim.actions(ORG, "t1")).containsExactly("escalate");
  }

  @Test
  void linkingTheSamePageTwiceCreatesThenUpdatesOneLink() {
    LinkResult first =
        client.linkTicket(
            ORG, "t1", TicketLink.notionPage("page-1", "https://notion.so/p1", "Old"));
    LinkResult second =
        client.linkTicket(
            ORG, "t1", TicketLink.notionPage("page-1", "https://notion.so/p1b", "New"));

    assertThat(first).isEqualTo(LinkResult.CREATED);
    assertThat(second).isEqualTo(LinkResult.UPDATED);
    assertThat(sim.links(ORG, "t1"))
        .containsExactly(new TicketLink("notion_page", "page-1", "https://notion.so/p1b", "New"));
  }

  @Test
  void articleRoundTripsThroughCreateGetUpdateAndPatch() {
    ArticleSync sync =
        new ArticleSync(
            "notion",
            true,
            ArticleSync.BADGE_EDITED_IN_NOTION,
            "page-9",
            "https://notion.so/page-9",
            Instant.parse("2026-11-21T10:00:00Z"),
            List.of("callout lost its icon"));

    Article created =
        client.createArticle(
            ORG, new NewArticle("Reset a password", "<p>Click reset</p>", "en", sync));
    Article read = client.getArticle(ORG, created.id());
    Article updated =
        client.updateArticle(ORG, created.id(), new ArticleUpdate("Reset it", "<p>New</p>", null));
    ObjectNode archive = json.createObjectNode().put("status", "archived");
    Article archived = client.patchArticle(ORG, created.id(), archive);

    assertThat(created.id()).isNotBlank();
    assertThat(created.url()).isNotBlank();
    assertThat(read).isEqualTo(created);
    assertThat(read.sync()).isEqualTo(sync);
    assertThat(updated.title()).isEqualTo("Reset it");
    assertThat(updated.bodyHtml()).isEqualTo("<p>New</p>");
    assertThat(updated.sync()).as("PUT without sync keeps it").isEqualTo(sync);
    assertThat(sim.articleJson(ORG, archived.id()).orElseThrow().path("status").asText())
        .isEqualTo("archived");
  }

  @Test
  void uploadedAttachmentIsServedFromTheReturnedUrl() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};

    String url = client.uploadAttachment(ORG, png, "image/png");

    HttpResponse<byte[]> file =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(png);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
  }

  @Test
  void everyCallNamesTheOrganizationAndOnlyWritesCarryTheOrigin() {
    client.getTicket(ORG, "t1");
    client.updateTicketStatus(ORG, "t1", "pending");
    client.uploadAttachment(ORG, "x".getBytes(StandardCharsets.UTF_8), "text/plain");

    List<RecordedCall> calls = sim.calls();
    assertThat(calls).extracting(RecordedCall::status).containsExactly(200, 200, 201);
    assertThat(calls).extracting(RecordedCall::org).containsOnly(ORG);
    assertThat(calls)
        .extracting(RecordedCall::origin)
        .containsExactly(
            null, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR);
  }

  @Test
  void unknownTicketIsANonRetryable404() {
    FyneDeskApiException e =
        catchThrowableOfType(FyneDeskApiException.class, () -> client.getTicket(ORG, "nope"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.retryable()).isFalse();
    assertThat(e.body()).contains("not_found");
  }

  @Test
  void ticketOfAnotherOrganizationIsANonRetryable404() {
    FyneDeskApiException e =
        catchThrowableOfType(FyneDeskApiException.class, () -> client.getTicket("org_other", "t1"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void wrongTokenIsANonRetryable401() {
    FyneDeskClient wrong = clientFor(sim.baseUrl(), "wrong-token");

    FyneDeskApiException e =
        catchThrowableOfType(FyneDeskApiException.class, () -> wrong.getTicket(ORG, "t1"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void invalidStatusIsANonRetryable400() {
    FyneDeskApiException e =
        catchThrowableOfType(
            FyneDeskApiException.class, () -> client.updateTicketStatus(ORG, "t1", "done"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void unavailableAndRateLimitedAreRetryable() {
    sim.failNext("/api/v1/tickets/t1", 1, 503).failNext("/api/v1/tickets/t1/actions", 1, 429);

    FyneDeskApiException unavailable =
        catchThrowableOfType(FyneDeskApiException.class, () -> client.getTicket(ORG, "t1"));
    FyneDeskApiException limited =
        catchThrowableOfType(
            FyneDeskApiException.class, () -> client.ticketAction(ORG, "t1", "close"));

    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.retryable()).isTrue();
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryable()).isTrue();
    assertThat(client.getTicket(ORG, "t1").id())
        .as("the client does not retry by itself")
        .isEqualTo("t1");
    assertThat(sim.calls("GET", "/api/v1/tickets/t1")).hasSize(2);
  }

  @Test
  void unreachableFyneDeskIsRetryable() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    FyneDeskClient offline = clientFor("http://127.0.0.1:" + freePort, TOKEN);

    FyneDeskApiException e =
        catchThrowableOfType(FyneDeskApiException.class, () -> offline.getTicket(ORG, "t1"));

    assertThat(e.status()).isEqualTo(FyneDeskApiException.NO_RESPONSE);
    assertThat(e.retryable()).isTrue();
  }

  private FyneDeskClient clientFor(String baseUrl, String token) {
    FyneDeskProperties properties =
        new FyneDeskProperties(
            new FyneDeskProperties.Api(baseUrl, token), new FyneDeskProperties.Events(null), null);
    return new FyneDeskClient(properties, new ObjectMapper());
  }
}
