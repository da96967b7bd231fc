package io.fynedesk.connector.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.fynedesk.FyneDeskClient;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.loopguard.WrittenValues;
import io.fynedesk.connector.notion.NotionClient;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Notion → FyneDesk status sync (seed 000 step 6): a page linked to a ticket whose mapped status
 * property changed gives the mapped ticket status or action. Always from Notion's current state
 * (the page is fetched), so redelivered, aggregated or out-of-order events converge; loop-safe: a
 * value the connector itself wrote to the page, a change already applied, or a ticket already there
 * cause no write.
 */
@Component("statusSync")
public class StatusSync {

  /** Exchange property the webhook router reads: how the event ended. */
  static final String OUTCOME = "webhookOutcome";

  /** Exchange property: why. */
  static final String NOTE = "webhookNote";

  /** Ledger field under which the last applied option of a page is kept, per ticket. */
  static final String APPLIED_FIELD = "statusSync:";

  private static final Logger LOG = LoggerFactory.getLogger(StatusSync.class);

  private final OrgConnections connections;
  private final NotionClient notion;
  private final FyneDeskClient fynedesk;
  private final WrittenValues written;
  private final JdbcTemplate jdbc;
  private final ObjectMapper mapper;

  StatusSync(
      OrgConnections connections,
      NotionClient notion,
      FyneDeskClient fynedesk,
      WrittenValues written,
      JdbcTemplate jdbc,
      ObjectMapper mapper) {
    this.connections = connections;
    this.notion = notion.urgent();
    this.fynedesk = fynedesk;
    this.written = written;
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Applies the page's current status to its ticket, or says why not (exchange properties). */
  public void apply(
      @Header("WebhookOrgId") String org,
      @Header("WebhookEntityId") String pageId,
      Exchange exchange) {
    String outcome = decide(org, pageId);
    exchange.setProperty(OUTCOME, outcome.startsWith("applied") ? "done" : "ignored");
    exchange.setProperty(NOTE, outcome);
  }

  private String decide(String org, String pageId) {
    Optional<OrgConnection> c = org == null ? Optional.empty() : connections.connected(org);
    if (c.isEmpty() || pageId == null) {
      return "Notion is not connected";
    }
    StatusSyncSettings sync = c.get().settings().section(StatusSyncSettings.class);
    if (!c.get().settings().enabled() || !sync.enabled()) {
      return "status sync is off";
    }
    Optional<String> ticketId = ticketOf(org, pageId);
    if (ticketId.isEmpty()) {
      return "the page is not linked to a ticket";
    }
    JsonNode page = notion.retrievePage(c.get().auth(), pageId);
    if (page.path("in_trash").asBoolean(false) || page.path("archived").asBoolean(false)) {
      return "the page is in the trash";
    }
    String property = sync.property() == null ? "Status" : sync.property();
    JsonNode value = page.path("properties").path(property);
    String type = value.path("type").asText("");
    JsonNode option = value.path(type);
    if (!(type.equals("status") || type.equals("select")) || !option.isObject()) {
      return "the page has no status in property \"" + property + "\"";
    }
    String optionId = option.path("id").asText(null);
    String optionName = option.path("name").asText(null);
    ObjectNode asWritten = mapper.createObjectNode();
    asWritten.putObject(type).put("name", optionName);
    if (written.isEcho(org, WrittenValues.NOTION, pageId, property, asWritten.toString())) {
      return "echo of the connector's own write (" + optionName + ")";
    }
    // Another value than the connector's last write supersedes that write: should a person later
    // set the page back to it, that is their change, not an echo.
    written.forget(org, WrittenValues.NOTION, pageId, property);
    String appliedKey = APPLIED_FIELD + pageId;
    String optionKey = optionId + "|" + optionName;
    if (written.isEcho(org, WrittenValues.FYNEDESK, ticketId.get(), appliedKey, optionKey)) {
      return "already applied (" + optionName + ")";
    }
    Optional<StatusMap.Target> target = new StatusMap(sync.map()).resolve(optionId, optionName);
    if (target.isEmpty()) {
      return "statusSync.map has no entry for \"" + optionName + "\"";
    }
    Ticket ticket = fynedesk.getTicket(org, ticketId.get());
    if (target.get().reachedBy(ticket.status())) {
      written.record(org, WrittenValues.FYNEDESK, ticketId.get(), appliedKey, optionKey);
      return "the ticket is " + ticket.status() + " already";
    }
    // Claim the write: of concurrent processings of one change (a webhook and the backstop, two
    // replicas) exactly one goes on.
    if (!written.replace(org, WrittenValues.FYNEDESK, ticketId.get(), appliedKey, optionKey)) {
      return "already applied (" + optionName + ")";
    }
    // Noted before the write, so an echo that comes back before this thread goes on finds it.
    if (target.get().status() != null) {
      written.expectEcho(org, ticketId.get(), target.get().status());
    } else if (!target.get().action().equals("escalate")) {
      written.expectEcho(org, ticketId.get(), "action:" + target.get().action());
    }
    try {
      if (target.get().status() != null) {
        fynedesk.updateTicketStatus(org, ticketId.get(), target.get().status());
      } else {
        fynedesk.ticketAction(org, ticketId.get(), target.get().action());
      }
    } catch (RuntimeException e) {
      written.forget(org, WrittenValues.FYNEDESK, ticketId.get(), appliedKey);
      written.echoArrived(org, ticketId.get());
      throw e;
    }
    LOG.info(
        "Status sync: org {} ticket {} → {} (Notion page {} is \"{}\")",
        org,
        ticketId.get(),
        target.get(),
        pageId,
        optionName);
    return "applied: ticket " + ticketId.get() + " → " + target.get();
  }

  /**
   * The ticket a page belongs to. Read from the hand-off's link table directly: the table is the
   * shared record of ticket ↔ page, and reading it keeps status/ free of the tickets/ package.
   */
  private Optional<String> ticketOf(String org, String pageId) {
    return jdbc
        .queryForList(
            "SELECT ticket_id FROM ticket_page_link WHERE org_id = ? AND page_id = ? AND state = 'created'",
            String.class,
            org,
            pageId)
        .stream()
        .findFirst();
  }
}
