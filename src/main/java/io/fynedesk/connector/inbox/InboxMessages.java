package io.fynedesk.connector.inbox;

import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** Turns a claimed inbox row into a Camel message: the raw envelope as body, ids as headers. */
@Component("inboxMessages")
public class InboxMessages {

  /** Replaces the message with the event's envelope and {@link InboxHeaders}. */
  public void toMessage(Message message) {
    InboxEvent event = message.getBody(InboxEvent.class);
    message.removeHeaders("*");
    message.setHeader(InboxHeaders.EVENT_ID, event.id());
    message.setHeader(InboxHeaders.ORG_ID, event.orgId());
    message.setHeader(InboxHeaders.EVENT_TYPE, event.type());
    message.setHeader(InboxHeaders.ORIGIN, event.origin());
    message.setHeader(InboxHeaders.OCCURRED_AT, event.occurredAt());
    message.setBody(event.payload());
  }
}
