package io.fynedesk.connector.tickets;

/**
 * Headers the ticket classifier sets for the content-based router in ticket-handoff.camel.yaml.
 * Each value starts with the area ({@code Handoff…}, as {@code Inbox…} in InboxHeaders) so a route
 * reader knows who set it; no dots, so {@code ${header.X}} in simple expressions stays plain.
 */
public final class HandoffHeaders {

  /** The org's connection state: connected, needs_reconnect or disconnected. */
  public static final String CONNECTION_STATE = "HandoffConnectionState";

  /** The master toggle ({@code settings.enabled}). */
  public static final String MASTER_ENABLED = "HandoffMasterEnabled";

  /** {@code settings.ticketHandoff.enabled}. */
  public static final String HANDOFF_ENABLED = "HandoffEnabled";

  /** Whether the event's trigger is one of {@code ticketHandoff.triggers}. */
  public static final String TRIGGER_SELECTED = "HandoffTriggerSelected";

  /** For {@code ticket.tagged}: whether the tag is in {@code ticketHandoff.tags} (empty = any). */
  public static final String TAG_SELECTED = "HandoffTagSelected";

  /**
   * Whether the event echoes a write of the connector itself ({@code origin = notion-connector}).
   */
  public static final String ECHO = "HandoffIsEcho";

  /** The ticket id, also the idempotency key part. */
  public static final String TICKET_ID = "HandoffTicketId";

  /** Exchange property: the org's {@code OrgConnection}, read once per event by the classifier. */
  public static final String CONNECTION = "HandoffConnection";

  /** The outcome of {@code ticket-page-claim}: NEW, TAKEN_OVER or EXISTS. */
  public static final String CLAIM = "HandoffClaim";

  /** The outcome of {@code ticket-page-adopt}: whether an earlier attempt's page was found. */
  public static final String ADOPTED = "HandoffAdopted";

  private HandoffHeaders() {}
}
