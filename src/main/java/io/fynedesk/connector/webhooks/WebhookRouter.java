package io.fynedesk.connector.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.connection.Connection;
import io.fynedesk.connector.connection.ConnectionRepository;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Puts what the webhook router decides on into headers: the org whose connection has the event's
 * workspace, whether the event is the connector's own echo, and the entity's kind, so
 * {@code notion-webhooks.camel.yaml} reads as the rules.
 */
@Component("webhookRouter")
public class WebhookRouter {

  /** Header: the org of the event's workspace, absent when no org has it. */
  public static final String ORG = "WebhookOrgId";
  /** Header: true when every author of the event is the connector's own bot (notion-api.md §9). */
  public static final String ECHO = "WebhookEcho";
  /** Header: {@code page}, {@code data_source} (databases count as data sources) or {@code other}. */
  public static final String KIND = "WebhookKind";
  /** Header: the event id. */
  public static final String EVENT_ID = "WebhookEventId";
  /** Exchange property: how the event ended ({@code done}, {@code ignored}, {@code echo}). */
  public static final String OUTCOME = "webhookOutcome";
  /** Exchange property: why. */
  public static final String NOTE = "webhookNote";

  private final ConnectionRepository connections;
  private final WebhookLedger ledger;
  private final ObjectMapper mapper;

  WebhookRouter(ConnectionRepository connections, WebhookLedger ledger, ObjectMapper mapper) {
    this.connections = connections;
    this.ledger = ledger;
    this.mapper = mapper;
  }

  /** Classifies one claimed event into headers. */
  public void classify(Message message) {
    WebhookEvent event = message.getBody(WebhookEvent.class);
    message.removeHeaders("*");
    message.setHeader(EVENT_ID, event.id());
    Optional<Connection> c = event.workspaceId() == null ? Optional.empty()
        : connections.findByWorkspace(event.workspaceId());
    c.ifPresent(x -> {
      message.setHeader(ORG, x.orgId());
      connections.touchEvent(x.orgId(), OffsetDateTime.now(ZoneOffset.UTC));
    });
    message.setHeader(ECHO, c.map(x -> onlyOwnBot(event, x.botId())).orElse(false));
    String type = event.type();
    message.setHeader(KIND, type.startsWith("page.") ? "page"
        : type.startsWith("data_source.") || type.startsWith("database.") ? "data_source" : "other");
  }

  /** Records the outcome the route set. */
  public void finish(Message message, @ExchangeProperty(OUTCOME) String outcome,
      @ExchangeProperty(NOTE) String note) {
    ledger.finish(message.getHeader(EVENT_ID, String.class), message.getHeader(ORG, String.class),
        outcome == null ? "done" : outcome, note);
  }

  private boolean onlyOwnBot(WebhookEvent event, String botId) {
    if (botId == null) {
      return false;
    }
    JsonNode authors;
    try {
      authors = mapper.readTree(event.payload()).path("authors");
    } catch (IOException e) {
      return false;
    }
    if (!authors.isArray() || authors.isEmpty()) {
      return false;
    }
    for (JsonNode a : authors) {
      if (!botId.equals(a.path("id").asText(null))) {
        return false;
      }
    }
    return true;
  }
}
