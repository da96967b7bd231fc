package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.connection.Connection;
import io.fynedesk.connector.connection.ConnectionRepository;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import io.fynedesk.connector.inbox.InboxHeaders;
import java.util.Optional;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Puts what the ticket router decides on into headers (connection state, toggles, trigger, tag,
 * echo), so the content-based router in {@code ticket-handoff.camel.yaml} reads as the rules.
 */
@Component("ticketClassifier")
public class TicketClassifier {

  private final ConnectionRepository connections;
  private final ObjectMapper mapper;

  TicketClassifier(ConnectionRepository connections, ObjectMapper mapper) {
    this.connections = connections;
    this.mapper = mapper;
  }

  public void classify(Message message) {
    TicketEvent event = TicketEvent.read(message, mapper);
    Optional<Connection> c = connections.find(event.orgId());
    JsonNode handoff = c.map(x -> x.settings().path("ticketHandoff")).orElse(mapper.createObjectNode());
    message.setHeader(HandoffHeaders.TICKET_ID, event.ticket().id());
    message.setHeader(InboxHeaders.SUBJECT_ID, event.ticket().id());
    message.setHeader(InboxHeaders.WORK_KIND, "ticket_handoff");
    message.setHeader(HandoffHeaders.CONNECTION_STATE, c.map(x -> x.state().wire()).orElse("disconnected"));
    message.setHeader(HandoffHeaders.MASTER_ENABLED, c.map(x -> x.settings().path("enabled").asBoolean()).orElse(false));
    message.setHeader(HandoffHeaders.HANDOFF_ENABLED, handoff.path("enabled").asBoolean(false));
    message.setHeader(HandoffHeaders.TRIGGER_SELECTED, contains(handoff.path("triggers"), event.trigger()));
    boolean tagSelected = !"tagged".equals(event.trigger()) || handoff.path("tags").isEmpty()
        || contains(handoff.path("tags"), event.tag());
    message.setHeader(HandoffHeaders.TAG_SELECTED, tagSelected);
    message.setHeader(HandoffHeaders.ECHO, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR.equals(event.origin()));
  }

  private static boolean contains(JsonNode array, String value) {
    if (value == null) {
      return false;
    }
    for (JsonNode v : array) {
      if (value.equals(v.asText())) {
        return true;
      }
    }
    return false;
  }
}
