package io.fynedesk.connector.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http.Answer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class EventIntakeIT extends AbstractConnectorIT {

  static final String SECRET = "test-events-secret";

  @Autowired JdbcTemplate jdbc;

  @Autowired InboxRepository inbox;

  @Autowired MeterRegistry meters;

  Answer post(byte[] body, String signature) {
    return http()
        .send(
            "POST",
            "/api/v1/events",
            body,
            signature == null
                ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "X-FyneDesk-Signature", signature));
  }

  Answer postSigned(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return post(body, Hmac.sign(SECRET, body));
  }

  static String event(String id, String type, String org) {
    return """
        {"id":"%s","type":"%s","organizationId":"%s","occurredAt":"2026-11-21T10:00:00.123+01:00",
         "data":{"ticket":{"id":"T-1","number":1,"subject":"Printer on fire","status":"new","priority":"high",
         "tags":["bug"],"requester":{"name":"Ann","email":"ann@example.com"},"assignee":null}}}
        """
        .formatted(id, type, org);
  }

  int stored(String id) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE id = ?", Integer.class, id);
  }

  @Test
  void signedEventIsStoredBeforeTheAcceptedReply() {
    String id = "evt_" + UUID.randomUUID();
    Answer a = postSigned(event(id, "ticket.created", newOrg()));
    assertThat(a.status()).isEqualTo(202);
    assertThat(a.json().get("id").asText()).isEqualTo(id);
    assertThat(a.json().get("status").asText()).isEqualTo("accepted");
    assertThat(stored(id)).isEqualTo(1);
  }

  @Test
  void sameEventTwiceIsADuplicateAndStoredOnce() {
    String id = "evt_" + UUID.randomUUID();
    String json = event(id, "ticket.created", newOrg());
    assertThat(postSigned(json).status()).isEqualTo(202);
    Answer again = postSigned(json);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
    assertThat(stored(id)).isEqualTo(1);
  }

  @Test
  void badOrMissingSignatureIs401AndStoresNothing() {
    String id = "evt_" + UUID.randomUUID();
    byte[] body = event(id, "ticket.created", newOrg()).getBytes(StandardCharsets.UTF_8);
    Answer unsigned = post(body, null);
    Answer wrongKey = post(body, Hmac.sign("another-secret", body));
    Answer noPrefix = post(body, Hmac.sign(SECRET, body).substring("sha256=".length()));
    for (Answer a : new Answer[] {unsigned, wrongKey, noPrefix}) {
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.contentType()).startsWith("application/problem+json");
      assertThat(a.json().get("code").asText()).isEqualTo("invalid_signature");
    }
    assertThat(stored(id)).isZero();
  }

  @Test
  void signatureIsCheckedOnTheRawBytesNotReserializedJson() {
    String id = "evt_" + UUID.randomUUID();
    String json = event(id, "ticket.created", newOrg());
    byte[] signedVariant = json.replace(" ", "").getBytes(StandardCharsets.UTF_8);
    Answer a = post(json.getBytes(StandardCharsets.UTF_8), Hmac.sign(SECRET, signedVariant));
    assertThat(a.status()).isEqualTo(401);
  }

  @Test
  void notJsonIsMalformed() {
    Answer a = postSigned("{not json");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("code").asText()).isEqualTo("malformed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1,2]",
        "{\"type\":\"ticket.created\",\"organizationId\":\"o\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{}}",
        "{\"id\":42,\"type\":\"x.y\",\"organizationId\":\"o\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{}}",
        "{\"id\":\"e1\",\"type\":\"x.y\",\"organizationId\":\"o\",\"occurredAt\":\"yesterday\",\"data\":{}}",
        "{\"id\":\"e1\",\"type\":\"x.y\",\"organizationId\":\"o\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":[]}",
        "{\"id\":\"e1\",\"type\":\"ticket.created\",\"organizationId\":\"o\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{}}",
        "{\"id\":\"e1\",\"type\":\"ticket.created\",\"organizationId\":\"o\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{\"ticket\":{\"id\":\"1\",\"tags\":\"bug\"}}}",
        "{\"id\":\"e1\",\"type\":\"ticket.created\",\"organizationId\":\"o\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{\"ticket\":{\"id\":\"1\",\"status\":\"weird\"}}}",
        "{\"id\":\"e1\",\"type\":\"article.published\",\"organizationId\":\"o\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{\"article\":\"x\"}}"
      })
  void wrongTypedEnvelopeIsValidationFailedWithFieldNames(String json) {
    Answer a = postSigned(json);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("code").asText()).isEqualTo("validation_failed");
    assertThat(a.json().get("errors")).isNotEmpty();
    assertThat(a.json().get("errors").get(0).get("field").asText()).isNotBlank();
    assertThat(stored("e1")).isZero();
  }

  @Test
  void controlCharactersInStoredKeysAreValidationFailedNotA500() {
    String org = newOrg();
    String nulType = event("evt_" + UUID.randomUUID(), "ticket.\\u0000created", org);
    Answer a = postSigned(nulType);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("code").asText()).isEqualTo("validation_failed");
    assertThat(a.json().at("/errors/0/field").asText()).isEqualTo("type");
    String nulTicket =
        event("evt_" + UUID.randomUUID(), "ticket.created", org)
            .replace("\"T-1\"", "\"T-\\u00001\"");
    Answer b = postSigned(nulTicket);
    assertThat(b.status()).isEqualTo(400);
    assertThat(b.json().at("/errors/0/field").asText()).isEqualTo("data.ticket.id");
  }

  @Test
  void twoMebibytesIs413AndStoresNothing() {
    String id = "evt_" + UUID.randomUUID();
    String padding = "x".repeat(2 * 1024 * 1024);
    String json = event(id, "ticket.created", newOrg()).replace("Printer on fire", padding);
    Answer a = postSigned(json);
    assertThat(a.status()).isEqualTo(413);
    assertThat(a.json().get("code").asText()).isEqualTo("payload_too_large");
    assertThat(stored(id)).isZero();
  }

  @Test
  void unknownTypeIsAcceptedRecordedAndIgnored() {
    String id = "evt_" + UUID.randomUUID();
    Answer a =
        postSigned(
            """
        {"id":"%s","type":"survey.answered","organizationId":"%s","occurredAt":"2026-11-21T10:00:00Z","data":{"x":1}}
        """
                .formatted(id, newOrg()));
    assertThat(a.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> "ignored".equals(inbox.status(id)));
  }

  /** The inbox row of {@code id}: status, note, attempts, claimed_by, processed_at. */
  Map<String, Object> row(String id) {
    return jdbc.queryForMap(
        "SELECT status, note, attempts, claimed_by, processed_at FROM inbox_event WHERE id = ?",
        id);
  }

  double processedIgnored() {
    Counter c =
        meters
            .find("connector.events.processed")
            .tags("type", "ticket.created", "outcome", "ignored")
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void eventOfAnOrgWithoutNotionIsFinishedAtTheDoorAndNeverQueued() {
    String id = "evt_" + UUID.randomUUID();
    double before = processedIgnored();
    assertThat(postSigned(event(id, "ticket.created", newOrg())).status()).isEqualTo(202);

    // Final when the 202 arrives: recorded as ignored with the routes' reason, no worker took it.
    Map<String, Object> r = row(id);
    assertThat(r.get("status")).isEqualTo("ignored");
    assertThat(r.get("note")).isEqualTo("Notion is not connected");
    assertThat(((Number) r.get("attempts")).intValue()).isZero();
    assertThat(r.get("claimed_by")).isNull();
    assertThat(r.get("processed_at")).isNotNull();
    assertThat(processedIgnored()).isEqualTo(before + 1);
  }

  @Test
  void eventOfAConnectedOrgGoesToAWorkerAndAfterDisconnectIsFinishedAtTheDoor() {
    String org = newOrg();
    connect(org, newWorld());
    String first = "evt_" + UUID.randomUUID();
    assertThat(postSigned(event(first, "ticket.created", org)).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ((Number) row(first).get("attempts")).intValue() >= 1);
    assertThat(row(first).get("claimed_by")).isNotNull();
    assertThat(row(first).get("note")).isNotEqualTo("Notion is not connected");

    Answer gone = disconnect(org);
    assertThat(gone.status()).isEqualTo(204);
    String second = "evt_" + UUID.randomUUID();
    assertThat(postSigned(event(second, "ticket.created", org)).status()).isEqualTo(202);
    assertThat(row(second).get("status")).isEqualTo("ignored");
    assertThat(row(second).get("note")).isEqualTo("Notion is not connected");
    assertThat(row(second).get("claimed_by")).isNull();
  }

  @Test
  void responsesNeverEchoRequestHeaders() {
    String id = "evt_" + UUID.randomUUID();
    byte[] body = event(id, "ticket.created", newOrg()).getBytes(StandardCharsets.UTF_8);
    String sig = Hmac.sign(SECRET, body);
    Answer a = post(body, sig);
    assertThat(a.header("X-FyneDesk-Signature")).isNull();
  }
}
