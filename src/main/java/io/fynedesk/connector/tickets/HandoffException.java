package io.fynedesk.connector.tickets;

import io.fynedesk.connector.web.ApiError;

/** A hand-off that cannot proceed now (another worker holds it) or at all (not configured). */
public class HandoffException extends RuntimeException implements ApiError {

  private final String code;
  private final boolean retryable;

  HandoffException(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  /** Another worker is creating this ticket's page right now: try again after a moment. */
  /** Another worker is writing the ticket's page right now: this change goes after it. */
  static HandoffException updating(String ticketId) {
    return new HandoffException(
        "in_progress", "the page of ticket " + ticketId + " is being updated", true);
  }

  static HandoffException busy(String ticketId) {
    return new HandoffException(
        "in_progress", "the page of ticket " + ticketId + " is being created", true);
  }

  /**
   * The connector's own status write to the ticket has not come back as its echo yet: apply this
   * change after it.
   */
  static HandoffException awaitingEcho(String ticketId) {
    return new HandoffException(
        "awaiting_echo",
        "ticket " + ticketId + " waits for the echo of the connector's status write",
        true);
  }

  /** The org has not chosen a data source: the admin must fix the settings, then replay. */
  static HandoffException notConfigured() {
    return new HandoffException("not_configured", "ticketHandoff.dataSourceId is not set", false);
  }

  /** The org is not connected (any more). */
  static HandoffException notConnected() {
    return new HandoffException("not_connected", "Notion is not connected", true);
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }

  @Override
  public boolean unauthorized() {
    return false;
  }
}
