package io.fynedesk.connector.knowledge;

import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.connection.TokenVault;
import io.fynedesk.connector.notion.NotionAuth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

  /**
   * Budget key prefix of an integration's own token. The key names the token (a truncated SHA-256,
   * never the token), not the integration: Notion limits requests per integration token, so two
   * integrations given the same token share one budget and one 429 gate (keyed by integration id,
   * each sent the whole budget and their scheduled runs failed on Notion's 429s).
   */
  static final String KEY_PREFIX = "integration-token:";

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
          .map(token -> new NotionAuth(budgetKey(token), token));
    }
    if (i.managed()) {
      return connections.connected(i.orgId()).map(OrgConnection::auth);
    }
    return Optional.empty();
  }

  /** The budget key of an integration token: the same for every integration holding it. */
  static String budgetKey(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return KEY_PREFIX + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
