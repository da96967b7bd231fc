package io.fynedesk.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import io.fynedesk.connector.webhooks.WebhookKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /actuator/prometheus} after a walk through a ticket hand-off (with one 429 from Notion)
 * and Notion webhooks (signed, duplicate, forged): every metric README "Metrics and logs" lists is
 * there, with the values the walk caused, for the operator only.
 */
class MetricsIT extends AbstractConnectorIT {

  static final Map<String, String> OPERATOR =
      Map.of(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      "operator:test-operator-password".getBytes(StandardCharsets.UTF_8)));

  static final List<String> METRICS =
      List.of(
          "connector_events_received_total",
          "connector_events_processed_total",
          "connector_inbox_depth",
          "connector_inbox_oldest_pending_age_seconds",
          "connector_notion_requests_seconds_count",
          "connector_notion_rate_limited_total",
          "connector_notion_budget_wait_seconds_count",
          "connector_webhooks_deliveries_total",
          "connector_backstop_caught_total",
          "connector_sync_lag_seconds_count",
          "connector_failures_open");

  @Autowired WebhookKeys keys;

  @AfterEach
  void unsubscribe() {
    Simulators.notion().unsubscribeAll();
  }

  String scrape() {
    Answer a = http().send("GET", "/actuator/prometheus", null, OPERATOR);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("text/plain");
    return a.body();
  }

  /** Sum of the samples of {@code name} whose labels contain every given {@code k="v"}. */
  static double value(String scrape, String name, String... labels) {
    double sum = 0;
    Matcher m =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([^ \\n]+)", Pattern.MULTILINE)
            .matcher(scrape);
    while (m.find()) {
      String l = m.group(1) == null ? "" : m.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= l.contains(label);
      }
      if (all) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  @Test
  void prometheusNeedsTheOperatorLogin() {
    Answer anonymous = http().get("/actuator/prometheus", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().get("code").asText()).isEqualTo("unauthorized");
    assertThat(anonymous.body()).doesNotContain("connector_");
  }

  @Test
  void handoffAndWebhooksShowInEveryMetric() throws Exception {
    String before = scrape();
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    Answer settings =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                TestJwt.admin(org),
                """
                {"enabled": true, "ticketHandoff": {"enabled": true, "dataSourceId": "%s"}}
                """
                    .formatted(world.dataSourceId));
    assertThat(settings.status()).isEqualTo(200);

    // A hand-off whose first page creation meets a 429.
    world.sim.inject(Fault.rateLimited(1).on("POST", "/v1/pages").times(1));
    String ticketId = "T-" + UUID.randomUUID();
    String ticket = TicketEvents.ticketJson(ticketId, "Metrics " + ticketId, "high", "open");
    Simulators.fynedesk()
        .addTicket(
            org, new ObjectMapper().findAndRegisterModules().readValue(ticket, Ticket.class));
    TicketEvents events = new TicketEvents(http());
    String eventId = "evt_" + UUID.randomUUID();
    String envelope = TicketEvents.envelope(eventId, "ticket.created", org, ticket, null);
    assertThat(events.post(envelope).status()).isEqualTo(202);
    assertThat(events.post(envelope).status()).isEqualTo(200);
    assertThat(
            http()
                .send(
                    "POST",
                    "/api/v1/events",
                    envelope.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json", "X-FyneDesk-Signature", "sha256=00"))
                .status())
        .isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !Simulators.fynedesk().links(org, ticketId).isEmpty());

    // Webhooks: a handshake, a signed delivery, its redelivery, a forgery.
    keys.clear();
    String key = "secret_" + UUID.randomUUID().toString().replace("-", "");
    assertThat(webhook(("{\"verification_token\":\"" + key + "\"}").getBytes(), null).status())
        .isEqualTo(200);
    byte[] delivery =
        """
        {"id":"%s","timestamp":"2026-12-01T10:00:00.000Z","workspace_id":"%s","type":"page.created",
         "authors":[{"id":"user-1","type":"person"}],"attempt_number":1,
         "entity":{"id":"page-1","type":"page"},"data":{"parent":{"id":"db-1","type":"database"}}}
        """
            .formatted("wh-" + UUID.randomUUID(), world.workspaceId)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(webhook(delivery, Hmac.sign(key, delivery)).status()).isEqualTo(200);
    assertThat(webhook(delivery, Hmac.sign(key, delivery)).status()).isEqualTo(200);
    assertThat(webhook(delivery, Hmac.sign("forged", delivery)).status()).isEqualTo(401);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String after = scrape();
              for (String metric : METRICS) {
                assertThat(after).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
              }
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_events_received_total",
                          "outcome=\"accepted\"",
                          "type=\"ticket.created\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_events_received_total",
                          "outcome=\"duplicate\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_events_received_total",
                          "outcome=\"invalid_signature\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_events_processed_total",
                          "outcome=\"done\"",
                          "type=\"ticket.created\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_notion_requests_seconds_count",
                          "method=\"POST\"",
                          "status=\"200\"",
                          "lane=\"urgent\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_notion_requests_seconds_count",
                          "status=\"429\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(delta(before, after, "connector_notion_rate_limited_total"))
                  .isGreaterThanOrEqualTo(1);
              assertThat(delta(before, after, "connector_notion_budget_wait_seconds_count"))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_webhooks_deliveries_total",
                          "outcome=\"signed\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_webhooks_deliveries_total",
                          "outcome=\"duplicate\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_webhooks_deliveries_total",
                          "outcome=\"forged\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before, after, "connector_sync_lag_seconds_count", "feature=\"tickets\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      delta(
                          before,
                          after,
                          "connector_sync_lag_seconds_count",
                          "feature=\"notion-webhooks\""))
                  .isGreaterThanOrEqualTo(1);
            });
  }

  static double delta(String before, String after, String name, String... labels) {
    return value(after, name, labels) - value(before, name, labels);
  }

  Answer webhook(byte[] body, String signature) {
    return http()
        .send(
            "POST",
            "/webhooks/notion",
            body,
            signature == null
                ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "X-Notion-Signature", signature));
  }
}
