package io.fynedesk.connector.connection;

import io.fynedesk.connector.fynedesk.FyneDeskProperties;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionOAuth;
import io.fynedesk.connector.web.ProblemException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * OAuth connect (CONTRACT §4): the authorize URL with a signed, single-use state bound to the org
 * and valid ten minutes (kept in the database, so any replica finishes the callback), and the
 * callback: code exchange with client credentials, the same one-org-per-workspace rules as a token
 * connect, tokens stored encrypted, and the admin's browser sent back to FyneDesk's settings page.
 */
@Service
public class OAuthConnect {

  static final Duration STATE_TTL = Duration.ofMinutes(10);
  private static final String PURPOSE = "oauth-state";
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern REASON = Pattern.compile("[a-z0-9_]{1,60}");
  private static final Logger LOG = LoggerFactory.getLogger(OAuthConnect.class);

  private final NotionOAuth oauth;
  private final TokenConnect tokens;
  private final TokenVault vault;
  private final NamedParameterJdbcTemplate jdbc;
  private final FyneDeskProperties fynedesk;
  private final SecureRandom random = new SecureRandom();

  OAuthConnect(
      NotionOAuth oauth,
      TokenConnect tokens,
      TokenVault vault,
      NamedParameterJdbcTemplate jdbc,
      FyneDeskProperties fynedesk) {
    this.oauth = oauth;
    this.tokens = tokens;
    this.vault = vault;
    this.jdbc = jdbc;
    this.fynedesk = fynedesk;
  }

  /** Where the callback sent the browser: a redirect, or (no settings URL) a plain outcome. */
  public record Outcome(String location, boolean connected, String reason) {}

  /** Notion's authorize URL for this org; 409 {@code oauth_not_configured} without the app. */
  public String authorize(String orgId) {
    if (!oauth.configured()) {
      throw ProblemException.of(
          409,
          "oauth_not_configured",
          "OAuth connect is not configured (notion.oauth.client-id and client-secret); connect"
              + " with an internal integration token instead.");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    OffsetDateTime now = now();
    jdbc.update(
        "DELETE FROM oauth_state WHERE expires_at < :old",
        new MapSqlParameterSource("old", now.minusDays(1)));
    jdbc.update(
        """
        INSERT INTO oauth_state (id, org_id, created_at, expires_at)
        VALUES (:id, :org, :now, :expires)""",
        new MapSqlParameterSource("id", nonce)
            .addValue("org", orgId)
            .addValue("now", now)
            .addValue("expires", now.plus(STATE_TTL)));
    return oauth.authorizeUrl(nonce + "." + vault.sign(PURPOSE, nonce + "|" + orgId));
  }

  /**
   * The browser's return from Notion's consent: {@code code} (or Notion's {@code error}) and the
   * state. Never throws: every failure is a {@code ?notion=error&reason=…} outcome.
   */
  public Outcome callback(String code, String state, String error) {
    Optional<String> org = consume(state);
    if (org.isEmpty()) {
      return outcome("invalid_state");
    }
    if (error != null && !error.isBlank()) {
      return outcome(reason(error, "access_denied"));
    }
    if (code == null || code.isBlank() || code.length() > 1000) {
      return outcome("exchange_failed");
    }
    NotionOAuth.Grant grant;
    try {
      grant = oauth.exchangeCode(code);
    } catch (NotionApiException e) {
      LOG.warn("Notion refused the OAuth code exchange for org {}: {}", org.get(), e.code());
      boolean notionSaidNo = e.status() >= 400 && e.status() < 500;
      return outcome(notionSaidNo ? reason(e.code(), "exchange_failed") : "exchange_failed");
    } catch (RuntimeException e) {
      LOG.warn("OAuth code exchange for org {} failed: {}", org.get(), e.toString());
      return outcome("exchange_failed");
    }
    try {
      tokens.connect(
          org.get(),
          grant.accessToken(),
          grant.refreshToken(),
          "oauth",
          new TokenConnect.BotIdentity(grant.botId(), grant.workspaceId(), grant.workspaceName()));
    } catch (ProblemException e) {
      // Another workspace than the org's, or a workspace of another org: nothing is stored, and
      // the token just issued is given back.
      revokeQuietly(List.of(grant.accessToken()));
      return outcome(reason(e.problem().code(), "exchange_failed"));
    }
    LOG.info("Org {} connected Notion workspace {} with OAuth", org.get(), grant.workspaceId());
    return outcome(null);
  }

  /** Revokes tokens at Notion (a disconnect); a failure is logged, never blocks the disconnect. */
  public void revokeQuietly(List<String> tokens) {
    if (!oauth.configured()) {
      return;
    }
    for (String token : tokens) {
      if (token == null) {
        continue;
      }
      try {
        oauth.revoke(token);
      } catch (RuntimeException e) {
        LOG.warn("Revoking a Notion OAuth token failed: {}", e.getMessage());
      }
    }
  }

  /** The org of a valid state, used up by this call; empty for a forged, used or expired one. */
  private Optional<String> consume(String state) {
    if (state == null) {
      return Optional.empty();
    }
    int dot = state.indexOf('.');
    if (dot < 0 || !NONCE.matcher(state.substring(0, dot)).matches()) {
      return Optional.empty();
    }
    String nonce = state.substring(0, dot);
    List<String> orgs =
        jdbc.queryForList(
            "SELECT org_id FROM oauth_state WHERE id = :id",
            new MapSqlParameterSource("id", nonce),
            String.class);
    if (orgs.isEmpty()
        || !vault.verify(PURPOSE, nonce + "|" + orgs.get(0), state.substring(dot + 1))) {
      return Optional.empty();
    }
    int used =
        jdbc.update(
            """
            UPDATE oauth_state SET used_at = :now
            WHERE id = :id AND used_at IS NULL AND expires_at > :now""",
            new MapSqlParameterSource("id", nonce).addValue("now", now()));
    return used == 1 ? Optional.of(orgs.get(0)) : Optional.empty();
  }

  private Outcome outcome(String reason) {
    String base = fynedesk.settingsUrl();
    if (base == null || base.isBlank()) {
      return new Outcome(null, reason == null, reason);
    }
    String query =
        reason == null
            ? "notion=connected"
            : "notion=error&reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
    return new Outcome(base + (base.contains("?") ? "&" : "?") + query, reason == null, reason);
  }

  private static String reason(String given, String fallback) {
    String r = given == null ? "" : given.trim().toLowerCase();
    return REASON.matcher(r).matches() ? r : fallback;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
