package io.fynedesk.connector.inbox;

/**
 * What the inbox reports about an org's work, for whoever keeps the org's health (the connection).
 * The inbox is platform: it names this interface, never the feature that implements it.
 */
public interface InboxHealth {

  /** A new event of the org was stored (not a duplicate). */
  void eventAccepted(String orgId);

  /** Work of the org gave up and landed in the failure list; {@code summary} says what and why. */
  void workFailed(String orgId, String summary);
}
