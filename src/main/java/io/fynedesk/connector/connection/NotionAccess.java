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
    return connections.find(orgId).filter(Connection::connected).flatMap(this::usable);
  }

  /** Credentials of a connection already read (its token decrypted for the call). */
  public NotionAuth auth(Connection connection) {
    return usable(connection).orElseThrow(NotionAccess::notConnected);
  }

  /**
   * The connection's credentials, its token decrypted for the call; empty when the vault cannot
   * decrypt the stored token (the encryption key was changed, or the row altered): the connection
   * then needs a reconnect, as when Notion refuses a token, and says why.
   */
  Optional<NotionAuth> usable(Connection connection) {
    Optional<String> token = vault.tryDecrypt(connection.orgId(), connection.accessTokenEnc());
    if (token.isEmpty()) {
      LOG.warn(
          "The stored Notion token of org {} cannot be decrypted with"
              + " connector.security.encryption-key: connection needs a reconnect",
          connection.orgId());
      connections.markNeedsReconnect(
          connection.orgId(),
          "The stored token cannot be decrypted (was connector.security.encryption-key changed?):"
              + " reconnect Notion.");
    }
    return token.map(t -> new NotionAuth(connection.orgId(), t));
  }

  private static ProblemException notConnected() {
    return ProblemException.of(
        409,
        "not_connected",
        "Notion is not connected for this organization (or needs a reconnect).");
  }

  /** Credentials for an admin request: 409 {@code not_connected} when there are none. */
  public NotionAuth require(String orgId) {
    return auth(orgId).orElseThrow(NotionAccess::notConnected);
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
