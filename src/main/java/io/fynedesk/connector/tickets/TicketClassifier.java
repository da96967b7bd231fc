package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import io.fynedesk.connector.inbox.InboxHeaders;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Puts what the ticket router decides on into headers (connection state, toggles, trigger, tag,
 * echo), so the content-based router in {@code ticket-handoff.camel.yaml} reads as the rules.
 */
@Component("ticketClassifier")
public class TicketClassifier {

  private final OrgConnections orgs;
  private final ObjectMapper mapper;

  TicketClassifier(OrgConnections orgs, ObjectMapper mapper) {
    this.orgs = orgs;
    this.mapper = mapper;
  }

  public void classify(Message message) {
    TicketEvent event = TicketEvent.read(message, mapper);
    OrgConnection c = orgs.of(event.orgId());
    HandoffSettings handoff = c.settings().section(HandoffSettings.class);
    message.setHeader(HandoffHeaders.TICKET_ID, event.ticket().id());
    message.setHeader(InboxHeaders.SUBJECT_ID, event.ticket().id());
    message.setHeader(InboxHeaders.WORK_KIND, "ticket_handoff");
    message.setHeader(HandoffHeaders.CONNECTION_STATE, c.state().wire());
    message.setHeader(HandoffHeaders.MASTER_ENABLED, c.settings().enabled());
    message.setHeader(HandoffHeaders.HANDOFF_ENABLED, handoff.enabled());
    message.setHeader(HandoffHeaders.TRIGGER_SELECTED, handoff.triggers(event.trigger()));
    message.setHeader(HandoffHeaders.TAG_SELECTED, handoff.tagSelected(event.trigger(), event.tag()));
    message.setHeader(HandoffHeaders.ECHO, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR.equals(event.origin()));
  }
}
