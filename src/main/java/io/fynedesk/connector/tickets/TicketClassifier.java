package io.fynedesk.connector.tickets;

import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import io.fynedesk.connector.inbox.InboxHeaders;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Puts what the ticket router decides on into headers (connection state, toggles, trigger, tag,
 * echo), so the content-based router in {@code ticket-handoff.camel.yaml} reads as the rules.
 */
@Component("ticketClassifier")
public class TicketClassifier {

  private final OrgConnections orgs;

  TicketClassifier(OrgConnections orgs) {
    this.orgs = orgs;
  }

  /**
   * Reads the org's connection once for the event (kept as an exchange property) and sets the
   * headers.
   */
  public void classify(@Body TicketEvent event, Exchange exchange) {
    OrgConnection c = orgs.of(event.orgId());
    exchange.setProperty(HandoffHeaders.CONNECTION, c);
    Message message = exchange.getMessage();
    HandoffSettings handoff = c.settings().section(HandoffSettings.class);
    message.setHeader(HandoffHeaders.TICKET_ID, event.ticket().id());
    message.setHeader(InboxHeaders.SUBJECT_ID, event.ticket().id());
    message.setHeader(InboxHeaders.WORK_KIND, "ticket_handoff");
    message.setHeader(HandoffHeaders.CONNECTION_STATE, c.state().wire());
    message.setHeader(HandoffHeaders.MASTER_ENABLED, c.settings().enabled());
    message.setHeader(HandoffHeaders.HANDOFF_ENABLED, handoff.enabled());
    message.setHeader(HandoffHeaders.TRIGGER_SELECTED, handoff.triggers(event.trigger()));
    message.setHeader(
        HandoffHeaders.TAG_SELECTED, handoff.tagSelected(event.trigger(), event.tag()));
    message.setHeader(
        HandoffHeaders.ECHO, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR.equals(event.origin()));
  }
}
