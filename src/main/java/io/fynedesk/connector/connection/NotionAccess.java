package io.fynedesk.connector.connection;

import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionConnectionListener;
import io.fynedesk.connector.web.ProblemException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands out Notion credentials of a connected org (decrypted only for the call) and hears Notion's
 * 401s, which turn the org's connection into {@code needs_reconnect}.
 */
@Component
public class NotionAccess implements NotionConnectionListener {

  /**
   * Connection keys containing this mark are probes (e.g. a token being checked), never an org's
   * budget.
   */
  public static final String PROBE_MARK = "#probe";

  private static final Logger LOG = LoggerFactory.getLogger(NotionAccess.class);

  private final ConnectionRepository connections;
  private final TokenVault vault;

  NotionAccess(ConnectionRepository connections, TokenVault vault) {
    this.connections = connections;
    this.vault = vault;
  }

  /** Credentials of a connected org, or empty when it is not connected (or must reconnect). */
  public Optional<NotionAuth> auth(String orgId) {
    return connections.find(orgId).filter(Connection::connected).map(this::auth);
  }

  /** Credentials of a connection already read (its token decrypted for the call). */
  public NotionAuth auth(Connection connection) {
    return new NotionAuth(
        connection.orgId(), vault.decrypt(connection.orgId(), connection.accessTokenEnc()));
  }

  /** Credentials for an admin request: 409 {@code not_connected} when there are none. */
  public NotionAuth require(String orgId) {
    return auth(orgId)
        .orElseThrow(
            () ->
                ProblemException.of(
                    409,
                    "not_connected",
                    "Notion is not connected for this organization (or needs a reconnect)."));
  }

  @Override
  public void unauthorized(String connectionKey, String message) {
    if (connectionKey.contains(PROBE_MARK)) {
      return;
    }
    LOG.warn("Notion refused the token of org {}: connection needs a reconnect", connectionKey);
    connections.markNeedsReconnect(connectionKey, "Notion refused the token: " + message);
  }
}
