package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.loopguard.WrittenValues;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps a linked ticket's page in step with FyneDesk: on {@code ticket.updated} or {@code
 * ticket.status_changed}, only the mapped properties whose value changed are written.
 */
@Component("ticketPageUpdate")
public class TicketPageUpdate {

  /**
   * How long a change waits for the echo of the connector's own status write to the ticket before
   * the echo is taken as lost. Echoes come back within a second or two.
   */
  static final Duration ECHO_WAIT = Duration.ofSeconds(10);

  private final NotionClient notion;
  private final ConnectionHealth health;
  private final TicketLinkRepository links;
  private final TicketPages pages;
  private final WrittenValues written;
  private final ObjectMapper mapper;
  private final TicketHandoff handoff;

  TicketPageUpdate(
      NotionClient notion,
      ConnectionHealth health,
      TicketLinkRepository links,
      TicketPages pages,
      WrittenValues written,
      ObjectMapper mapper,
      TicketHandoff handoff) {
    this.notion = notion.urgent();
    this.health = health;
    this.links = links;
    this.pages = pages;
    this.written = written;
    this.mapper = mapper;
    this.handoff = handoff;
  }

  /**
   * The echo of the connector's own ticket status write (status sync: the change came from the
   * page): the page already shows it, so the ticket's mapped status is recorded as in step with the
   * page. Without this, an agent setting the status back to the last value written to the page
   * would find "no mapped field changed" and the page would keep the other side's value. Writes
   * nothing to Notion; returns why the event changes nothing.
   */
  public String absorbEcho(
      @Body TicketEvent event,
      @ExchangeProperty(HandoffHeaders.CONNECTION) OrgConnection connection)
      throws Exception {
    absorb(event, connection);
    // Only now: a change waiting for this echo (see update) must find the mapped values absorbed.
    written.echoArrived(event.orgId(), event.ticket().id());
    return "echo of the connector's own write";
  }

  private void absorb(TicketEvent event, OrgConnection connection) throws Exception {
    Optional<TicketLinkRepository.Link> link = links.find(event.orgId(), event.ticket().id());
    if (link.isEmpty() || !link.get().created() || connection == null || !connection.connected()) {
      return;
    }
    HandoffSettings settings = connection.settings().section(HandoffSettings.class);
    String property = settings.propertyMap().get("status");
    if (settings.dataSourceId() == null || property == null) {
      return;
    }
    JsonNode status =
        pages.map(connection.auth(), event.ticket(), settings).fingerprints().get(property);
    ObjectNode after =
        link.get().mappedValues() == null
            ? mapper.createObjectNode()
            : (ObjectNode) mapper.readTree(link.get().mappedValues());
    if (status == null) {
      // A status with no Notion option (e.g. solved for a Done page): what the page shows is not
      // the ticket's to say, so any later agent status is written.
      after.remove(property);
    } else {
      after.set(property, status);
    }
    links.mappedValues(event.orgId(), event.ticket().id(), after.toString());
  }

  /**
   * Writes the changed mapped properties; returns why nothing was written, or null when it wrote.
   */
  public String update(
      @Body TicketEvent event,
      @ExchangeProperty(HandoffHeaders.CONNECTION) OrgConnection connection)
      throws Exception {
    String org = event.orgId();
    Optional<TicketLinkRepository.Link> link = links.find(org, event.ticket().id());
    if (link.isEmpty()) {
      return "the ticket has no Notion page";
    }
    if (!link.get().created()) {
      throw HandoffException.busy(
          event.ticket().id()); // its page is being created: update it afterwards
    }
    if (connection == null || !connection.connected()) {
      throw HandoffException.notConnected();
    }
    HandoffSettings settings = connection.settings().section(HandoffSettings.class);
    if (settings.dataSourceId() == null) {
      return "no data source is chosen";
    }
    // One writer per page across workers and replicas, and never an older snapshot over a newer
    // one: FyneDesk does not promise event order, and a change retried after a 429 or a 5xx comes
    // back after the newer ones.
    String owner = handoff.leaseOwner();
    if (!links.lockForUpdate(org, event.ticket().id(), owner, handoff.lease())) {
      throw HandoffException.updating(event.ticket().id());
    }
    try {
      TicketLinkRepository.Link current = links.find(org, event.ticket().id()).orElseThrow();
      Instant snapshot = event.ticket().updatedAt();
      if (snapshot != null
          && current.appliedUpdatedAt() != null
          && snapshot.isBefore(current.appliedUpdatedAt().toInstant())) {
        return "an older snapshot of the ticket than its page shows (updatedAt "
            + snapshot
            + " < "
            + current.appliedUpdatedAt().toInstant()
            + ")";
      }
      return write(event, connection, settings, current);
    } finally {
      links.unlockUpdate(org, event.ticket().id(), owner);
    }
  }

  private String write(
      TicketEvent event,
      OrgConnection connection,
      HandoffSettings settings,
      TicketLinkRepository.Link link)
      throws Exception {
    String org = event.orgId();
    String statusProperty = settings.propertyMap().get("status");
    WrittenValues.Echo echo =
        statusProperty == null
            ? WrittenValues.Echo.ARRIVED
            : written.echo(org, event.ticket().id(), ECHO_WAIT);
    if (echo == WrittenValues.Echo.PENDING) {
      // Status sync just wrote the ticket from the page; its echo records that the page shows
      // that status. A change that overtook the echo is applied after it, not against the page
      // as it was before the person's edit (which could skip a status the page no longer shows).
      throw HandoffException.awaitingEcho(event.ticket().id());
    }
    PropertyMapper.Mapped mapped = pages.map(connection.auth(), event.ticket(), settings);
    JsonNode before =
        link.mappedValues() == null
            ? mapper.createObjectNode()
            : mapper.readTree(link.mappedValues());
    if (echo == WrittenValues.Echo.LOST && before instanceof ObjectNode known) {
      // What the page's status is since the person's edit was never learnt: write the ticket's.
      known.remove(statusProperty);
    }
    ObjectNode changed = mapper.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = mapped.fingerprints().fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().equals(before.get(e.getKey()))) {
        changed.set(e.getKey(), mapped.properties().get(e.getKey()));
      }
    }
    if (!mapped.warnings().isEmpty()) {
      // Said whether or not anything else changed: a status with no option on the page leaves
      // nothing to write, and was skipped with no word (CONTRACT §4: skipped with a warning).
      health.warn(
          org, "ticket " + event.ticket().id() + ": " + String.join("; ", mapped.warnings()));
    }
    if (changed.isEmpty()) {
      return mapped.warnings().isEmpty()
          ? "no mapped field changed"
          : "no mapped field changed; " + String.join("; ", mapped.warnings());
    }
    ObjectNode patch = mapper.createObjectNode();
    patch.set("properties", changed);
    try {
      notion.updatePage(connection.auth(), link.pageId(), patch);
    } catch (NotionApiException e) {
      if (!e.retryable()) {
        pages.forgetSchema(org);
      }
      throw e;
    }
    ObjectNode after =
        before.isObject() ? ((ObjectNode) before).deepCopy() : mapper.createObjectNode();
    changed.fieldNames().forEachRemaining(name -> after.set(name, mapped.fingerprints().get(name)));
    links.applied(org, event.ticket().id(), after.toString(), event.ticket().updatedAt());
    pages.remember(org, link.pageId(), changed);
    if (echo == WrittenValues.Echo.LOST) {
      written.echoArrived(org, event.ticket().id()); // the page shows the ticket's status again
    }
    health.synced(org);
    return null;
  }
}
