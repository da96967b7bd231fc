package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.SimModel.Token;
import io.fynedesk.connector.simulator.notion.SimModel.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Notion's public OAuth endpoints: token (code and rolling refresh), revoke, introspect (§1). */
final class SimOAuth {

  /** A code the test registered: which workspace and user consent, what they shared. */
  record Grant(String workspaceId, String ownerUserId, String redirectUri, Set<String> shared) {}

  private final SimState state;
  private final Map<String, String> clients = new HashMap<>();
  private final Map<String, List<String>> redirectUris = new HashMap<>();
  private Consent consent;

  /** What the simulated person does on Notion's consent page: approve (for a workspace) or deny. */
  record Consent(String workspaceId, String ownerUserId, Set<String> shared, boolean deny) {}

  private final Map<String, Grant> codes = new HashMap<>();
  private final Map<String, Token> refreshTokens = new HashMap<>();

  SimOAuth(SimState state) {
    this.state = state;
  }

  void client(String clientId, String secret, List<String> redirects) {
    clients.put(clientId, secret);
    redirectUris.put(clientId, List.copyOf(redirects));
  }

  void consent(Consent next) {
    consent = next;
  }

  /**
   * {@code GET /v1/oauth/authorize}, standing in for Notion's consent page: checks the query as
   * strictly as Notion may ({@code client_id} known, {@code response_type=code}, {@code
   * owner=user}, {@code redirect_uri} registered or, when absent, exactly one registered) and
   * answers the redirect the browser would follow: {@code redirect_uri?code=…&state=…}, or {@code
   * ?error=access_denied&state=…} when the person declines.
   */
  String authorize(Map<String, String> query) {
    String clientId = query.get("client_id");
    if (clientId == null || !clients.containsKey(clientId)) {
      throw SimError.validation("client_id is missing or unknown.");
    }
    if (!"code".equals(query.get("response_type"))) {
      throw SimError.validation("response_type should be `code`.");
    }
    if (!"user".equals(query.get("owner"))) {
      throw SimError.validation("owner should be `user`.");
    }
    List<String> registered = redirectUris.getOrDefault(clientId, List.of());
    String given = query.get("redirect_uri");
    String target;
    if (given != null) {
      if (!registered.contains(given)) {
        throw SimError.validation("redirect_uri is not registered for this integration.");
      }
      target = given;
    } else if (registered.size() == 1) {
      target = registered.get(0);
    } else {
      throw SimError.validation("redirect_uri is required.");
    }
    String state = query.get("state");
    String tail = state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    String sep = target.contains("?") ? "&" : "?";
    if (consent == null || consent.deny()) {
      return target + sep + "error=access_denied" + tail;
    }
    String code = "code-" + UUID.randomUUID();
    codes.put(
        code, new Grant(consent.workspaceId(), consent.ownerUserId(), given, consent.shared()));
    return target + sep + "code=" + code + tail;
  }

  void code(String code, Grant grant) {
    codes.put(code, grant);
  }

  JsonNode handle(String path, String authorization, JsonNode body) {
    String clientId = authenticate(authorization);
    return switch (path) {
      case "/v1/oauth/token" -> token(clientId, body);
      case "/v1/oauth/revoke" -> revoke(body);
      case "/v1/oauth/introspect" -> introspect(body);
      default -> throw SimError.invalidUrl("POST", path);
    };
  }

  private String authenticate(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      throw new SimError(401, "unauthorized", "Missing or invalid client credentials.");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SimError(401, "unauthorized", "Missing or invalid client credentials.");
    }
    int colon = decoded.indexOf(':');
    String id = colon < 0 ? decoded : decoded.substring(0, colon);
    if (colon < 0 || !decoded.substring(colon + 1).equals(clients.get(id))) {
      throw new SimError(401, "unauthorized", "Invalid client credentials.");
    }
    return id;
  }

  private JsonNode token(String clientId, JsonNode body) {
    String grantType = body.path("grant_type").asText();
    if (grantType.equals("authorization_code")) {
      Grant grant = codes.remove(body.path("code").asText());
      if (grant == null) {
        throw new SimError(400, "invalid_grant", "Invalid code.");
      }
      if (grant.redirectUri() != null
          && !grant.redirectUri().equals(body.path("redirect_uri").asText(null))) {
        throw new SimError(400, "invalid_grant", "Invalid redirect_uri.");
      }
      // Not allowed when it was not in the authorize URL and exactly one is registered.
      if (grant.redirectUri() == null
          && body.hasNonNull("redirect_uri")
          && redirectUris.getOrDefault(clientId, List.of()).size() == 1) {
        throw new SimError(400, "invalid_request", "redirect_uri is not allowed.");
      }
      User bot = bot(clientId, grant.workspaceId());
      Token token = issue(grant.workspaceId(), bot.id());
      token.shared.addAll(grant.shared());
      return response(token, grant.ownerUserId());
    }
    if (grantType.equals("refresh_token")) {
      Token old = refreshTokens.remove(body.path("refresh_token").asText());
      if (old == null || old.revoked) {
        throw new SimError(400, "invalid_grant", "Invalid refresh token.");
      }
      Token token = issue(old.workspaceId, old.botId);
      token.shared.addAll(old.shared);
      return response(token, null);
    }
    throw SimError.validation("body.grant_type should be authorization_code or refresh_token.");
  }

  private Token issue(String workspaceId, String botId) {
    Token token =
        new Token("ntn_" + UUID.randomUUID().toString().replace("-", ""), workspaceId, botId);
    token.refreshToken = "nrt_" + UUID.randomUUID().toString().replace("-", "");
    state.tokens.put(token.token, token);
    refreshTokens.put(token.refreshToken, token);
    return token;
  }

  private User bot(String clientId, String workspaceId) {
    String id =
        UUID.nameUUIDFromBytes((clientId + "|" + workspaceId).getBytes(StandardCharsets.UTF_8))
            .toString();
    return state.users.computeIfAbsent(id, k -> new User(id, workspaceId, "FyneDesk", "bot", null));
  }

  private JsonNode response(Token token, String ownerUserId) {
    ObjectNode out =
        state
            .mapper
            .createObjectNode()
            .put("access_token", token.token)
            .put("token_type", "bearer")
            .put("refresh_token", token.refreshToken)
            .put("bot_id", token.botId)
            .put("workspace_id", token.workspaceId)
            .put("workspace_name", state.workspaces.get(token.workspaceId).name())
            .putNull("workspace_icon");
    User owner = ownerUserId == null ? null : state.users.get(ownerUserId);
    if (owner != null) {
      ObjectNode o = out.putObject("owner").put("type", "user");
      o.set("user", new SimRender(state).user(owner));
    } else {
      out.putObject("owner").put("type", "workspace").put("workspace", true);
    }
    out.putNull("duplicated_template_id");
    return out;
  }

  private JsonNode revoke(JsonNode body) {
    String value = body.path("token").asText();
    Token token = state.tokens.get(value);
    if (token == null) {
      token = refreshTokens.get(value);
    }
    if (token != null) {
      token.revoked = true;
      refreshTokens.remove(token.refreshToken);
    }
    return state.mapper.createObjectNode();
  }

  private JsonNode introspect(JsonNode body) {
    Token token = state.tokens.get(body.path("token").asText());
    return state.mapper.createObjectNode().put("active", token != null && !token.revoked);
  }

  /** Every access token of the workspace expires (401); their refresh tokens keep working. */
  void expireAccessTokens(String workspaceId) {
    state.tokens.values().stream()
        .filter(t -> t.workspaceId.equals(workspaceId) && t.refreshToken != null)
        .forEach(t -> t.expired = true);
  }

  /** Whether a token (access or refresh) is still good. */
  boolean active(String token) {
    Token t = state.tokens.get(token);
    if (t != null) {
      return !t.revoked && !t.expired;
    }
    Token owner = refreshTokens.get(token);
    return owner != null && !owner.revoked;
  }

  List<String> refreshTokensOf(String workspaceId) {
    return refreshTokens.entrySet().stream()
        .filter(e -> e.getValue().workspaceId.equals(workspaceId))
        .map(Map.Entry::getKey)
        .toList();
  }
}
