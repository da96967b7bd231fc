package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.inbox.InboxHeaders;
import org.apache.camel.Message;

/**
 * A ticket event read from an inbox message: the org, the type, the ticket and the tag.
 *
 * @param orgId organization
 * @param type event type
 * @param ticket the ticket as the event carries it
 * @param tag the tag of a {@code ticket.tagged} event, or null
 * @param origin who caused the write behind the event, or null
 */
public record TicketEvent(String orgId, String type, Ticket ticket, String tag, String origin) {

  /** Reads the envelope in the message body and the inbox headers. */
  public static TicketEvent read(Message message, ObjectMapper mapper) {
    try {
      JsonNode envelope = mapper.readTree(message.getBody(String.class));
      JsonNode data = envelope.path("data");
      Ticket ticket = mapper.treeToValue(data.path("ticket"), Ticket.class);
      JsonNode tag = data.get("tag");
      return new TicketEvent(
          message.getHeader(InboxHeaders.ORG_ID, String.class),
          message.getHeader(InboxHeaders.EVENT_TYPE, String.class),
          ticket,
          tag == null || tag.isNull() ? null : tag.asText(),
          message.getHeader(InboxHeaders.ORIGIN, String.class));
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable ticket event: " + e.getMessage(), e);
    }
  }

  /** The hand-off trigger this event stands for: created, escalated, tagged, or null. */
  public String trigger() {
    return switch (type) {
      case "ticket.created" -> "created";
      case "ticket.escalated" -> "escalated";
      case "ticket.tagged" -> "tagged";
      default -> null;
    };
  }
}
