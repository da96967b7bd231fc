package io.fynedesk.connector.knowledge;

import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.connection.TokenVault;
import io.fynedesk.connector.notion.NotionAuth;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The Notion credentials and sources of an integration: its own token (encrypted at rest, bound to
 * the integration's id), or, for the one the aiSource toggle manages, the org's connection and
 * {@code aiSource.sources}.
 */
@Component
class KnowledgeCredentials {

  /** Budget key prefix of an integration's own token (its own Notion connection). */
  static final String KEY_PREFIX = "integration:";

  private final OrgConnections connections;
  private final TokenVault vault;

  KnowledgeCredentials(OrgConnections connections, TokenVault vault) {
    this.connections = connections;
    this.vault = vault;
  }

  Optional<NotionAuth> of(Integration i) {
    if (i.tokenEnc() != null) {
      // Empty when the vault cannot decrypt it (connector.security.encryption-key was changed).
      return vault
          .tryDecrypt(i.id(), i.tokenEnc())
          .map(token -> new NotionAuth(KEY_PREFIX + i.id(), token));
    }
    if (i.managed()) {
      return connections.connected(i.orgId()).map(OrgConnection::auth);
    }
    return Optional.empty();
  }

  /** The pages and data sources it indexes; empty means every page shared with the token. */
  Set<String> sources(Integration i) {
    if (!i.managed() || i.tokenEnc() != null) {
      return Set.of();
    }
    return Set.copyOf(
        connections.of(i.orgId()).settings().section(AiSourceSettings.class).sources());
  }

  /** Seals a token for storage (null stays null). */
  String seal(String integrationId, String token) {
    return vault.encrypt(integrationId, token);
  }
}
