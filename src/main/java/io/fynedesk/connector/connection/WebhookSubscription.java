package io.fynedesk.connector.connection;

/**
 * What the connection's health says of Notion's webhook subscription (CONTRACT §4 {@code
 * health.subscription}); the webhooks feature implements it.
 */
public interface WebhookSubscription {

  /**
   * {@code active} (a signed event of the workspace within the last day), {@code unverified} (no
   * key yet) or {@code quiet}.
   */
  String status(String workspaceId);
}
