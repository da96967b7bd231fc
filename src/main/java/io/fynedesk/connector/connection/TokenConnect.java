package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.inbox.InboxRepository;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionUnauthorizedException;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Connects an org with a token (internal integration, or the OAuth exchange's access token): checks
 * it with Notion's {@code GET /v1/users/me}, enforces one workspace per org and one org per
 * workspace, stores it encrypted and resumes work parked while the org had to reconnect.
 */
@Service
public class TokenConnect {

  private final NotionClient notion;
  private final ConnectionRepository connections;
  private final TokenVault vault;
  private final InboxRepository inbox;

  TokenConnect(
      NotionClient notion,
      ConnectionRepository connections,
      TokenVault vault,
      InboxRepository inbox) {
    this.notion = notion.urgent();
    this.connections = connections;
    this.vault = vault;
    this.inbox = inbox;
  }

  /** The bot behind a token: which workspace it belongs to. */
  public record BotIdentity(String botId, String workspaceId, String workspaceName) {}

  /** Asks Notion who the token is; 400 {@code notion_token_rejected} when Notion refuses it. */
  public BotIdentity identify(String orgId, String token) {
    JsonNode me;
    try {
      me = notion.me(new NotionAuth(orgId + NotionAccess.PROBE_MARK, token));
    } catch (NotionUnauthorizedException e) {
      throw ProblemException.of(
          400, "notion_token_rejected", "Notion rejected the token: " + e.notionMessage());
    } catch (NotionApiException e) {
      if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
        throw ProblemException.of(
            400, "notion_token_rejected", "Notion rejected the token: " + e.notionMessage());
      }
      throw new ProblemException(
          Problem.of(503, "notion_unavailable", "Notion could not be reached to check the token."),
          5);
    }
    JsonNode bot = me.path("bot");
    String workspaceId = bot.path("workspace_id").asText(null);
    if (workspaceId == null || workspaceId.isBlank()) {
      throw ProblemException.of(
          400, "notion_token_rejected", "The token is not a Notion integration (bot) token.");
    }
    return new BotIdentity(
        me.path("id").asText(null), workspaceId, bot.path("workspace_name").asText(null));
  }

  /** Connects (or reconnects) the org with a verified token. */
  public void connect(
      String orgId, String token, String refreshToken, String kind, BotIdentity bot) {
    Optional<Connection> current = connections.find(orgId);
    if (current.isPresent()
        && current.get().workspaceId() != null
        && current.get().state() != ConnectionState.DISCONNECTED
        && !current.get().workspaceId().equals(bot.workspaceId())) {
      throw ProblemException.of(
          409,
          "conflict",
          "This organization is connected to another Notion workspace; disconnect first.");
    }
    Optional<Connection> owner = connections.findByWorkspace(bot.workspaceId());
    if (owner.isPresent() && !owner.get().orgId().equals(orgId)) {
      throw ProblemException.of(
          409,
          "conflict",
          "This Notion workspace is already connected to another FyneDesk organization.");
    }
    try {
      connections.saveConnected(
          orgId,
          bot.workspaceId(),
          bot.workspaceName(),
          bot.botId(),
          kind,
          vault.encrypt(orgId, token),
          vault.encrypt(orgId, refreshToken));
    } catch (DuplicateKeyException e) {
      throw ProblemException.of(
          409,
          "conflict",
          "This Notion workspace is already connected to another FyneDesk organization.");
    }
    inbox.resumeWaiting(orgId);
  }
}
