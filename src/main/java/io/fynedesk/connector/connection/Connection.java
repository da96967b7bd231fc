package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * One org's stored Notion connection. Tokens stay encrypted here; {@link ConnectionService}
 * decrypts them only to call Notion.
 */
public record Connection(
    String orgId,
    ConnectionState state,
    String workspaceId,
    String workspaceName,
    String botId,
    String tokenKind,
    String accessTokenEnc,
    String refreshTokenEnc,
    ObjectNode settings,
    OffsetDateTime lastEventAt,
    OffsetDateTime lastSyncAt,
    String lastError,
    String lastWarning,
    OffsetDateTime connectedAt) {

  /** Whether the org has a usable token. */
  public boolean connected() {
    return state == ConnectionState.CONNECTED;
  }
}
