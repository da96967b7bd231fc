package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** Parses an inbox message into its {@link TicketEvent} once, as the first step of ticket work. */
@Component("ticketEvents")
public class TicketEvents {

  private final ObjectMapper mapper;

  TicketEvents(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The message's ticket event; a body that already is one (a redelivery) is kept as it is. */
  public TicketEvent parse(Message message) {
    return message.getBody() instanceof TicketEvent event
        ? event
        : TicketEvent.read(message, mapper);
  }
}
