package io.fynedesk.connector.inbox;

/** Message headers of inbox work, set by the inbox routes and read by beans and routers. */
public final class InboxHeaders {

  /** The inbox event id. */
  public static final String EVENT_ID = "InboxEventId";

  /** The event's organization id. */
  public static final String ORG_ID = "InboxOrgId";

  /** The event type, e.g. {@code ticket.created}. */
  public static final String EVENT_TYPE = "InboxEventType";

  /** When the event happened in FyneDesk ({@code occurredAt}), for the sync-lag metric. */
  public static final String OCCURRED_AT = "InboxOccurredAt";

  /** The event's {@code origin}: who caused the write behind it. */
  public static final String ORIGIN = "InboxOrigin";

  /** What kind of work failed, for the failure list (e.g. {@code ticket_handoff}). */
  public static final String WORK_KIND = "InboxWorkKind";

  /** The ticket or article the work is about, for the failure list. */
  public static final String SUBJECT_ID = "InboxSubjectId";

  private InboxHeaders() {}
}
