package io.fynedesk.connector.inbox;

import java.util.Set;

/** The event types of CONTRACT §1; any other type is accepted, recorded and ignored. */
public final class EventTypes {

  public static final String TICKET_CREATED = "ticket.created";
  public static final String TICKET_UPDATED = "ticket.updated";
  public static final String TICKET_ESCALATED = "ticket.escalated";
  public static final String TICKET_TAGGED = "ticket.tagged";
  public static final String TICKET_STATUS_CHANGED = "ticket.status_changed";
  public static final String ARTICLE_PUBLISHED = "article.published";
  public static final String ARTICLE_UPDATED = "article.updated";
  public static final String ARTICLE_UNPUBLISHED = "article.unpublished";
  public static final String ARTICLE_DELETED = "article.deleted";

  /** Every type the connector knows. */
  public static final Set<String> KNOWN =
      Set.of(
          TICKET_CREATED,
          TICKET_UPDATED,
          TICKET_ESCALATED,
          TICKET_TAGGED,
          TICKET_STATUS_CHANGED,
          ARTICLE_PUBLISHED,
          ARTICLE_UPDATED,
          ARTICLE_UNPUBLISHED,
          ARTICLE_DELETED);

  private EventTypes() {}
}
