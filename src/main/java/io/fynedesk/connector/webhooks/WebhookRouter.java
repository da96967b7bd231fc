package io.fynedesk.connector.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.notion.NotionUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts what the webhook router decides on into headers: the org whose connection has the event's
 * workspace, whether the event is the connector's own echo, and the entity's kind, so {@code
 * notion-webhooks.camel.yaml} reads as the rules.
 */
@Component("webhookRouter")
public class WebhookRouter {

  /** Header: the org of the event's workspace, absent when no org has it. */
  public static final String ORG = "WebhookOrgId";

  /** Header: true when every author of the event is the connector's own bot (notion-api.md §9). */
  public static final String ECHO = "WebhookEcho";

  /**
   * Header: {@code page}, {@code data_source} (databases count as data sources) or {@code other}.
   */
  public static final String KIND = "WebhookKind";

  /** Header: the page, data source or database the event is about. */
  public static final String ENTITY_ID = "WebhookEntityId";

  /** Header: the event type. */
  public static final String TYPE = "WebhookType";

  /**
   * Header: every event type this processing stands for (the lead's and the folded ones'), comma
   * separated.
   */
  public static final String TYPES = "WebhookTypes";

  /** Header: how many older events of the entity the debounce folded into this one. */
  public static final String COALESCED = "WebhookCoalesced";

  /** Header: where the change came from, {@code webhook} or {@code backstop}. */
  public static final String SOURCE = "WebhookSource";

  /** Header: the event id. */
  public static final String EVENT_ID = "WebhookEventId";

  /** Header: when Notion says the event happened, for the sync-lag metric. */
  public static final String EVENT_AT = "WebhookEventAt";

  /** Exchange property: how the event ended ({@code done}, {@code ignored}, {@code echo}). */
  public static final String OUTCOME = "webhookOutcome";

  /** Exchange property: why. */
  public static final String NOTE = "webhookNote";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookRouter.class);
  private static final int BATCH = 50;
  private static final Duration STALE = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 5;

  private final OrgConnections connections;
  private final ConnectionHealth health;
  private final WebhookLedger ledger;
  private final WebhookClaims claims;
  private final WebhookProperties properties;
  private final ObjectMapper mapper;
  private final WebhookMetrics metrics;

  WebhookRouter(
      OrgConnections connections,
      ConnectionHealth health,
      WebhookLedger ledger,
      WebhookClaims claims,
      WebhookProperties properties,
      ObjectMapper mapper,
      WebhookMetrics metrics) {
    this.metrics = metrics;
    this.connections = connections;
    this.health = health;
    this.ledger = ledger;
    this.claims = claims;
    this.properties = properties;
    this.mapper = mapper;
  }

  /** Classifies one claimed processing (an event and the ones folded into it) into headers. */
  public void classify(Message message) {
    ClaimedEvent claimed = message.getBody(ClaimedEvent.class);
    WebhookEvent event = claimed.lead();
    message.removeHeaders("*");
    message.setHeader(EVENT_ID, event.id());
    message.setHeader(ENTITY_ID, event.entityId());
    message.setHeader(TYPE, event.type());
    message.setHeader(TYPES, String.join(",", claimed.types()));
    message.setHeader(COALESCED, claimed.folded().size());
    message.setHeader(SOURCE, "webhook");
    message.setHeader(EVENT_AT, event.timestamp());
    Optional<OrgConnection> c =
        event.workspaceId() == null
            ? Optional.empty()
            : connections.byWorkspace(event.workspaceId());
    c.ifPresent(
        x -> {
          message.setHeader(ORG, x.orgId());
          health.eventAccepted(x.orgId());
        });
    // An echo only when every folded event is the bot's too: a person's edit folded into the
    // bot's own event must still be acted on.
    message.setHeader(
        ECHO,
        c.map(x -> claimed.all().stream().allMatch(e -> onlyOwnBot(e, x.botId()))).orElse(false));
    String type = event.type();
    message.setHeader(
        KIND,
        type.startsWith("page.")
            ? "page"
            : type.startsWith("data_source.") || type.startsWith("database.")
                ? "data_source"
                : "other");
  }

  /**
   * Whether this replica's claim still holds the event (see {@link WebhookClaims#stillClaimed}).
   */
  public boolean stillClaimed(@Body ClaimedEvent claimed) {
    return claims.stillClaimed(claimed);
  }

  /** Records the outcome the route set. */
  public void finish(
      Message message,
      @ExchangeProperty(OUTCOME) String outcome,
      @ExchangeProperty(NOTE) String note) {
    ledger.finish(
        message.getHeader(EVENT_ID, String.class),
        message.getHeader(ORG, String.class),
        outcome == null ? "done" : outcome,
        note);
    metrics.routed(message.getHeader(EVENT_AT, OffsetDateTime.class));
  }

  /**
   * Takes the next processings from the ledger, debounced per entity ({@code
   * connector.webhooks.debounce}).
   */
  public List<ClaimedEvent> claim() {
    return claims.claim(BATCH, properties.debounce(), STALE);
  }

  /**
   * An attempt failed (Notion or FyneDesk unavailable): the event is tried again, then listed
   * failed.
   */
  public void failed(
      Message message, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
    String id = message.getHeader(EVENT_ID, String.class);
    if (cause instanceof NotionUnavailableException) {
      // Nothing was sent (Notion's circuit is open for the org): waiting is not a failed attempt.
      ledger.retryUncounted(id, cause.getMessage());
      return;
    }
    LOG.warn(
        "Notion webhook event {} failed: {}", id, cause == null ? "unknown" : cause.toString());
    ledger.retryOrFail(
        id,
        MAX_ATTEMPTS,
        cause == null ? "failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
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
