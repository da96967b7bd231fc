package io.fynedesk.connector.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/** Builds and posts signed FyneDesk ticket events to the connector, as FyneDesk core would. */
public final class TicketEvents {

  public static final String SECRET = "test-events-secret";

  private final Http http;

  public TicketEvents(Http http) {
    this.http = http;
  }

  public static String ticketJson(
      String ticketId, String subject, String priority, String status, String... tags) {
    String tagList = String.join(",", Arrays.stream(tags).map(t -> "\"" + t + "\"").toList());
    return """
        {"id":"%s","number":%d,"subject":"%s","description":"The printer is on fire.\\n\\nPlease help.",
         "status":"%s","priority":"%s","tags":[%s],"category":"Hardware",
         "requester":{"name":"Ann Customer","email":"ann@example.com"},
         "assignee":{"name":"Alice Agent","email":"alice@acme.test"},
         "url":"https://acme.fynedesk.io/tickets/%s","createdAt":"2026-11-21T09:30:00Z","updatedAt":"2026-11-21T09:31:00Z"}
        """
        .formatted(
            ticketId,
            Math.abs(ticketId.hashCode() % 100000),
            subject,
            status,
            priority,
            tagList,
            ticketId);
  }

  public static String envelope(
      String eventId, String type, String org, String ticketJson, String extra) {
    return """
        {"id":"%s","type":"%s","organizationId":"%s","occurredAt":"2026-11-21T10:00:00Z",%s
         "data":{"ticket":%s}}
        """
        .formatted(eventId, type, org, extra == null ? "" : extra + ",", ticketJson);
  }

  public Http.Answer post(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return http.send(
        "POST",
        "/api/v1/events",
        body,
        Map.of(
            "Content-Type", "application/json", "X-FyneDesk-Signature", Hmac.sign(SECRET, body)));
  }

  public Http.Answer post(String type, String org, String ticketJson) {
    return post(envelope("evt_" + UUID.randomUUID(), type, org, ticketJson, null));
  }
}
