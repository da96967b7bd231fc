package io.fynedesk.connector.connection;

import io.fynedesk.connector.notion.NotionAuth;

/**
 * What a feature gets of an org's connection: its state, Notion credentials while connected, and
 * its typed settings.
 *
 * @param orgId the org
 * @param state connected, needs_reconnect or disconnected
 * @param auth Notion credentials (token decrypted for the call); null unless connected
 * @param settings the org's typed settings (defaults when it has none)
 * @param botId the Notion bot user of the connection (its own edits come back authored by it), or
 *     null
 */
public record OrgConnection(
    String orgId, ConnectionState state, NotionAuth auth, OrgSettings settings, String botId) {

  /** Whether the org has a usable token. */
  public boolean connected() {
    return state == ConnectionState.CONNECTED;
  }
}
