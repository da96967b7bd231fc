package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionClient;
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

  private final NotionClient notion;
  private final ConnectionHealth health;
  private final TicketLinkRepository links;
  private final TicketPages pages;
  private final ObjectMapper mapper;

  TicketPageUpdate(
      NotionClient notion,
      ConnectionHealth health,
      TicketLinkRepository links,
      TicketPages pages,
      ObjectMapper mapper) {
    this.notion = notion.urgent();
    this.health = health;
    this.links = links;
    this.pages = pages;
    this.mapper = mapper;
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
    String reason = "echo of the connector's own write";
    Optional<TicketLinkRepository.Link> link = links.find(event.orgId(), event.ticket().id());
    if (link.isEmpty() || !link.get().created() || connection == null || !connection.connected()) {
      return reason;
    }
    HandoffSettings settings = connection.settings().section(HandoffSettings.class);
    String property = settings.propertyMap().get("status");
    if (settings.dataSourceId() == null || property == null) {
      return reason;
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
    return reason;
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
    PropertyMapper.Mapped mapped = pages.map(connection.auth(), event.ticket(), settings);
    JsonNode before =
        link.get().mappedValues() == null
            ? mapper.createObjectNode()
            : mapper.readTree(link.get().mappedValues());
    ObjectNode changed = mapper.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = mapped.fingerprints().fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().equals(before.get(e.getKey()))) {
        changed.set(e.getKey(), mapped.properties().get(e.getKey()));
      }
    }
    if (changed.isEmpty()) {
      return "no mapped field changed";
    }
    ObjectNode patch = mapper.createObjectNode();
    patch.set("properties", changed);
    try {
      notion.updatePage(connection.auth(), link.get().pageId(), patch);
    } catch (NotionApiException e) {
      if (!e.retryable()) {
        pages.forgetSchema(org);
      }
      throw e;
    }
    ObjectNode after =
        before.isObject() ? ((ObjectNode) before).deepCopy() : mapper.createObjectNode();
    changed.fieldNames().forEachRemaining(name -> after.set(name, mapped.fingerprints().get(name)));
    links.mappedValues(org, event.ticket().id(), after.toString());
    pages.remember(org, link.get().pageId(), changed);
    if (!mapped.warnings().isEmpty()) {
      health.warn(
          org, "ticket " + event.ticket().id() + ": " + String.join("; ", mapped.warnings()));
    }
    health.synced(org);
    return null;
  }
}
