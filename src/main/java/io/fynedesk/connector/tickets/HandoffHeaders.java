package io.fynedesk.connector.tickets;

/** Headers the ticket router sets for the content-based router in ticket-handoff.camel.yaml. */
public final class HandoffHeaders {

  /** The org's connection state: connected, needs_reconnect or disconnected. */
  public static final String CONNECTION_STATE = "ConnectionState";
  /** The master toggle ({@code settings.enabled}). */
  public static final String MASTER_ENABLED = "MasterEnabled";
  /** {@code settings.ticketHandoff.enabled}. */
  public static final String HANDOFF_ENABLED = "HandoffEnabled";
  /** Whether the event's trigger is one of {@code ticketHandoff.triggers}. */
  public static final String TRIGGER_SELECTED = "TriggerSelected";
  /** For {@code ticket.tagged}: whether the tag is in {@code ticketHandoff.tags} (empty = any). */
  public static final String TAG_SELECTED = "TagSelected";
  /** Whether the event echoes a write of the connector itself ({@code origin = notion-connector}). */
  public static final String ECHO = "IsEcho";
  /** The ticket id, also the idempotency key part. */
  public static final String TICKET_ID = "TicketId";

  private HandoffHeaders() {}
}
