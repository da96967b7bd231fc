package io.fynedesk.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import io.fynedesk.connector.webhooks.WebhookKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Logs as production writes them (JSON, ECS): a token connect, a webhook handshake and signed
 * delivery, and a hand-off that fails, captured from the console. The Notion token and the webhook
 * key appear nowhere; the failure's line is JSON carrying {@code org}, {@code eventId} and {@code
 * route} from the MDC.
 */
@ExtendWith(OutputCaptureExtension.class)
// Its own context (JSON logs) would otherwise stay cached and keep polling the shared test
// database,
// taking other tests' events: closed after this class.
@DirtiesContext
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class LogSafetyIT extends AbstractConnectorIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired WebhookKeys keys;
  @Autowired ConfigurableEnvironment environment;

  /**
   * Logging is set up once per JVM: Spring Boot skips it for a context started while another one
   * (cached, with plain test logs) is alive. So this test sets it up itself from its context's
   * environment (JSON), and puts plain logs back afterwards.
   */
  @BeforeEach
  void jsonLogs() {
    reinitializeLogging(environment);
  }

  @AfterEach
  void unsubscribe() {
    Simulators.notion().unsubscribeAll();
    StandardEnvironment plain = new StandardEnvironment();
    plain
        .getPropertySources()
        .addFirst(
            new MapPropertySource("plain-logs", Map.of("logging.structured.format.console", "")));
    reinitializeLogging(plain);
  }

  private static void reinitializeLogging(ConfigurableEnvironment env) {
    LoggingSystem logging = LoggingSystem.get(LogSafetyIT.class.getClassLoader());
    logging.cleanUp();
    logging.beforeInitialize();
    logging.initialize(new LoggingInitializationContext(env), null, null);
  }

  @Test
  void logsAreJsonWithRouteOrgAndEventButNoSecret(CapturedOutput output) throws Exception {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    assertThat(
            http()
                .json(
                    "PATCH",
                    "/api/v1/connections/notion/settings",
                    TestJwt.admin(org),
                    """
                    {"enabled": true, "ticketHandoff": {"enabled": true, "dataSourceId": "%s"}}
                    """
                        .formatted(world.dataSourceId))
                .status())
        .isEqualTo(200);

    keys.clear();
    String key = "secret_" + UUID.randomUUID().toString().replace("-", "");
    byte[] handshake =
        ("{\"verification_token\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(webhook(handshake, null)).isEqualTo(200);
    byte[] delivery =
        """
        {"id":"%s","timestamp":"2026-12-01T10:00:00.000Z","workspace_id":"%s","type":"page.created",
         "authors":[{"id":"user-1","type":"person"}],"attempt_number":1,
         "entity":{"id":"page-1","type":"page"},"data":{"parent":{"id":"db-1","type":"database"}}}
        """
            .formatted("wh-" + UUID.randomUUID(), world.workspaceId)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(webhook(delivery, Hmac.sign(key, delivery))).isEqualTo(200);
    assertThat(webhook(delivery, Hmac.sign("not-the-key", delivery))).isEqualTo(401);

    // A hand-off Notion refuses: the failure is logged (WARN) from inside the inbox route.
    world.sim.inject(Fault.status(400, "validation_error").on("POST", "/v1/pages").times(1));
    String ticketId = "T-" + UUID.randomUUID();
    String ticket = TicketEvents.ticketJson(ticketId, "Logged " + ticketId, "high", "open");
    Simulators.fynedesk()
        .addTicket(
            org, new ObjectMapper().findAndRegisterModules().readValue(ticket, Ticket.class));
    String eventId = "evt_" + UUID.randomUUID();
    assertThat(
            new TicketEvents(http())
                .post(TicketEvents.envelope(eventId, "ticket.created", org, ticket, null))
                .status())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode line =
                  jsonLines(output.getOut()).stream()
                      .filter(l -> l.path("message").asText().contains(eventId))
                      .findFirst()
                      .orElseThrow(() -> new AssertionError("no JSON log line about " + eventId));
              assertThat(line.path("org").asText()).isEqualTo(org);
              assertThat(line.path("eventId").asText()).isEqualTo(eventId);
              assertThat(line.path("route").asText()).isNotBlank();
              assertThat(line.at("/log/level").asText()).isEqualTo("WARN");
            });
    String all = output.getAll();
    assertThat(all).doesNotContain(world.token).doesNotContain(key);
    assertThat(jsonLines(output.getOut()))
        .anySatisfy(l -> assertThat(l.path("message").asText()).contains("handshake"));
  }

  static List<JsonNode> jsonLines(String out) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          // A line that merely starts with a brace.
        }
      }
    }
    return lines;
  }

  int webhook(byte[] body, String signature) {
    return http()
        .send(
            "POST",
            "/webhooks/notion",
            body,
            signature == null
                ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "X-Notion-Signature", signature))
        .status();
  }
}
