package io.fynedesk.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * OAuth connect as an admin's browser goes through it, against the Notion simulator's consent
 * stand-in and token endpoint: authorize → consent → callback → connected; forged, replayed and
 * expired states; Notion's refusals; refresh on 401 (single-flight, rolling refresh token,
 * invalid_grant); disconnect revokes.
 */
class OAuthConnectIT extends AbstractConnectorIT {

  static final String CLIENT_ID = "fynedesk-test-app";
  static final String REDIRECT = "https://connector.test/oauth/notion/callback";
  static final String SETTINGS = "https://fynedesk.test/settings/connections/notion";

  @Autowired JdbcTemplate jdbc;
  @Autowired TokenVault vault;

  NotionWorld world;
  NotionSimulator sim;
  String org;

  @BeforeEach
  void setUp() {
    world = newWorld();
    sim = world.sim;
    sim.oauthClient(CLIENT_ID, "test-oauth-client-secret", List.of(REDIRECT));
    org = newOrg();
  }

  @Test
  void authorizeConsentCallbackConnectsWithOAuth() {
    Http.Answer authorize =
        http().json("POST", "/api/v1/connections/notion/authorize", TestJwt.admin(org), null);
    assertThat(authorize.status()).isEqualTo(200);
    URI url = URI.create(authorize.json().path("authorizeUrl").asText());
    Map<String, String> q = query(url.getRawQuery());
    assertThat(url.getPath()).isEqualTo("/v1/oauth/authorize");
    assertThat(q)
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("response_type", "code")
        .containsEntry("owner", "user")
        .containsEntry("redirect_uri", REDIRECT)
        .containsKey("state");

    sim.consent(world.workspaceId, world.aliceId(), world.kbPageId);
    Http.Answer back = callback(consent(url));

    assertThat(back.status()).isEqualTo(302);
    assertThat(back.header("Location")).isEqualTo(SETTINGS + "?notion=connected");
    JsonNode view = view(org);
    assertThat(view.path("state").asText()).isEqualTo("connected");
    assertThat(view.path("tokenKind").asText()).isEqualTo("oauth");
    assertThat(view.path("workspace").path("id").asText()).isEqualTo(world.workspaceId);
    assertThat(view.toString()).doesNotContain("ntn_").doesNotContain("nrt_");

    // Code exchange used HTTP Basic client auth and the same redirect_uri.
    RecordedCall exchange =
        sim.calls("POST", "/v1/oauth/token").stream()
            .filter(
                c -> Http.parse(c.body()).path("grant_type").asText().equals("authorization_code"))
            .reduce((x, y) -> y)
            .orElseThrow();
    assertThat(exchange.status()).isEqualTo(200);
    assertThat(Http.parse(exchange.body()).path("redirect_uri").asText()).isEqualTo(REDIRECT);
    // Stored encrypted: the row holds neither token in clear, and decrypts to what Notion issued.
    Map<String, Object> row = row(org);
    assertThat(row.get("access_token_enc").toString()).startsWith("v1:").doesNotContain("ntn_");
    assertThat(row.get("refresh_token_enc").toString()).startsWith("v1:").doesNotContain("nrt_");
    assertThat(sim.refreshTokens(world.workspaceId)).containsExactly(refreshToken(org));
    // It works: the resources call goes to Notion with the OAuth access token.
    assertThat(http().get("/api/v1/connections/notion/resources", TestJwt.admin(org)).status())
        .isEqualTo(200);
  }

  @Test
  void replayedForgedAndExpiredStatesAreInvalid() {
    URI url = authorizeUrl(org);
    String state = query(url.getRawQuery()).get("state");
    sim.consent(world.workspaceId, world.aliceId());
    String callback = consent(url);
    assertThat(callback(callback).header("Location")).endsWith("?notion=connected");

    // The same state a second time (a replay): refused, nothing changes.
    sim.consent(world.workspaceId, world.aliceId());
    String replay = consent(url);
    assertThat(callback(replay).header("Location"))
        .isEqualTo(SETTINGS + "?notion=error&reason=invalid_state");

    // A forged signature on a fresh nonce, a made-up state, none at all.
    String other = org2();
    URI fresh = authorizeUrl(other);
    String freshState = query(fresh.getRawQuery()).get("state");
    String forged = freshState.substring(0, freshState.indexOf('.') + 1) + "A".repeat(43);
    for (String bad : List.of(forged, state + "x", "nonsense", "")) {
      Http.Answer a = http().get("/oauth/notion/callback?code=c&state=" + enc(bad), null);
      assertThat(a.status()).isEqualTo(302);
      assertThat(a.header("Location")).isEqualTo(SETTINGS + "?notion=error&reason=invalid_state");
    }
    assertThat(http().get("/oauth/notion/callback?code=c", null).header("Location"))
        .endsWith("reason=invalid_state");
    // The forged attempts did not use up the genuine state of that org: it still connects.
    NotionWorld second = newWorld();
    sim.consent(second.workspaceId, second.aliceId());
    assertThat(callback(consent(fresh)).header("Location")).endsWith("?notion=connected");
    assertThat(view(other).path("workspace").path("id").asText()).isEqualTo(second.workspaceId);

    // A state older than ten minutes is expired.
    String third = newOrg();
    URI late = authorizeUrl(third);
    String lateState = query(late.getRawQuery()).get("state");
    jdbc.update(
        "UPDATE oauth_state SET expires_at = ? WHERE id = ?",
        Timestamp.from(Instant.now().minusSeconds(1)),
        lateState.substring(0, lateState.indexOf('.')));
    sim.consent(second.workspaceId, second.aliceId());
    assertThat(callback(consent(late)).header("Location")).endsWith("reason=invalid_state");
    assertThat(view(third).path("state").asText()).isEqualTo("disconnected");
  }

  @Test
  void declinedConsentAndRefusedCodeComeBackAsErrors() {
    sim.denyConsent();
    assertThat(callback(consent(authorizeUrl(org))).header("Location"))
        .isEqualTo(SETTINGS + "?notion=error&reason=access_denied");

    URI url = authorizeUrl(org);
    String state = query(url.getRawQuery()).get("state");
    Http.Answer refused =
        http().get("/oauth/notion/callback?code=not-a-code&state=" + enc(state), null);
    assertThat(refused.header("Location"))
        .isEqualTo(SETTINGS + "?notion=error&reason=invalid_grant");
    assertThat(view(org).path("state").asText()).isEqualTo("disconnected");
  }

  @Test
  void workspaceOfAnotherOrgIsRefusedAndTheNewTokenGivenBack() {
    connect(org, world); // internal token of the same workspace
    String other = org2();
    sim.consent(world.workspaceId, world.aliceId());
    assertThat(callback(consent(authorizeUrl(other))).header("Location"))
        .isEqualTo(SETTINGS + "?notion=error&reason=conflict");
    assertThat(view(other).path("state").asText()).isEqualTo("disconnected");
    List<RecordedCall> revokes = sim.calls("POST", "/v1/oauth/revoke");
    assertThat(revokes).isNotEmpty();
    String revoked = Http.parse(revokes.get(revokes.size() - 1).body()).path("token").asText();
    assertThat(sim.tokenActive(revoked)).isFalse();
  }

  @Test
  void expiredAccessTokenIsRefreshedOnceUnderTwentyConcurrentCalls() throws Exception {
    connectWithOAuth(org);
    String oldRefresh = refreshToken(org);
    String oldAccess = accessToken(org);
    int refreshesBefore = refreshGrants();
    sim.expireAccessTokens(world.workspaceId);

    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(
            () -> http().get("/api/v1/connections/notion/resources", TestJwt.admin(org)).status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(200);
    } finally {
      pool.shutdownNow();
    }
    assertThat(refreshGrants() - refreshesBefore).isEqualTo(1);
    assertThat(view(org).path("state").asText()).isEqualTo("connected");
    // The rolled pair is what the database holds: the old refresh token is spent, the new one is
    // the only valid one, so a restarted connector (which reads only the database) refreshes with
    // it. Shown by a second expiry: refreshed again from the stored pair.
    String newRefresh = refreshToken(org);
    assertThat(newRefresh).isNotEqualTo(oldRefresh);
    assertThat(accessToken(org)).isNotEqualTo(oldAccess);
    assertThat(sim.tokenActive(oldRefresh)).isFalse();
    assertThat(sim.refreshTokens(world.workspaceId)).containsExactly(newRefresh);

    sim.expireAccessTokens(world.workspaceId);
    assertThat(http().get("/api/v1/connections/notion/resources", TestJwt.admin(org)).status())
        .isEqualTo(200);
    assertThat(refreshGrants() - refreshesBefore).isEqualTo(2);
    assertThat(refreshToken(org)).isNotEqualTo(newRefresh);
  }

  @Test
  void refusedRefreshTokenAsksForReconnect() {
    connectWithOAuth(org);
    // Notion revokes the grant (e.g. the user removed the connection): the refresh is
    // invalid_grant.
    sim.revokeToken(accessToken(org));
    Http.Answer a = http().get("/api/v1/connections/notion/resources", TestJwt.admin(org));
    assertThat(a.status()).isEqualTo(409);
    JsonNode view = view(org);
    assertThat(view.path("state").asText()).isEqualTo("needs_reconnect");
    assertThat(view.path("health").path("lastError").asText()).contains("invalid_grant");
    RecordedCall last = sim.calls("POST", "/v1/oauth/token").stream().reduce((x, y) -> y).get();
    assertThat(last.status()).isEqualTo(400);
    assertThat(view.toString()).doesNotContain("nrt_");

    // Reconnecting with OAuth makes it usable again.
    connectWithOAuth(org);
    assertThat(view(org).path("state").asText()).isEqualTo("connected");
  }

  @Test
  void disconnectRevokesTheOAuthTokens() {
    connectWithOAuth(org);
    String access = accessToken(org);
    String refresh = refreshToken(org);
    assertThat(sim.tokenActive(access)).isTrue();

    Http.Answer a = http().send("DELETE", "/api/v1/connections/notion", null, bearer(org));
    assertThat(a.status()).isEqualTo(204);
    assertThat(sim.tokenActive(access)).isFalse();
    assertThat(sim.tokenActive(refresh)).isFalse();
    assertThat(view(org).path("state").asText()).isEqualTo("disconnected");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM notion_connection WHERE org_id = ?", Integer.class, org))
        .isZero();
  }

  /**
   * Tokens the vault cannot decrypt (the encryption key was changed; here sealed for another org,
   * which fails the same way) cannot be revoked, but the admin can still disconnect.
   */
  @Test
  void disconnectWorksWhenTheStoredTokensCannotBeDecrypted() {
    connectWithOAuth(org);
    String access = accessToken(org);
    jdbc.update(
        "UPDATE notion_connection SET access_token_enc = ?, refresh_token_enc = ? WHERE org_id = ?",
        vault.encrypt("another-org", access),
        vault.encrypt("another-org", refreshToken(org)),
        org);

    Http.Answer a = http().send("DELETE", "/api/v1/connections/notion", null, bearer(org));
    assertThat(a.status()).isEqualTo(204);
    assertThat(view(org).path("state").asText()).isEqualTo("disconnected");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM notion_connection WHERE org_id = ?", Integer.class, org))
        .isZero();
  }

  @Test
  void authorizeNeedsAnAdminOfAProOrg() {
    assertThat(http().json("POST", "/api/v1/connections/notion/authorize", null, null).status())
        .isEqualTo(401);
    assertThat(
            http()
                .json("POST", "/api/v1/connections/notion/authorize", TestJwt.agent(org), null)
                .json()
                .path("code")
                .asText())
        .isEqualTo("admin_required");
    assertThat(
            http()
                .json(
                    "POST",
                    "/api/v1/connections/notion/authorize",
                    TestJwt.basicPlanAdmin(org),
                    null)
                .json()
                .path("code")
                .asText())
        .isEqualTo("pro_plan_required");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void connectWithOAuth(String orgId) {
    sim.consent(world.workspaceId, world.aliceId(), world.kbPageId);
    String location = callback(consent(authorizeUrl(orgId))).header("Location");
    assertThat(location).endsWith("?notion=connected");
  }

  private URI authorizeUrl(String orgId) {
    Http.Answer a =
        http().json("POST", "/api/v1/connections/notion/authorize", TestJwt.admin(orgId), null);
    assertThat(a.status()).isEqualTo(200);
    return URI.create(a.json().path("authorizeUrl").asText());
  }

  /** The browser at Notion's consent page: the redirect it is sent back with. */
  private String consent(URI authorizeUrl) {
    Http notion = new Http(sim.baseUrl());
    Http.Answer a = notion.get(authorizeUrl.getRawPath() + "?" + authorizeUrl.getRawQuery(), null);
    assertThat(a.status()).as("consent: %s", a.body()).isEqualTo(302);
    String location = a.header("Location");
    assertThat(location).startsWith(REDIRECT + "?");
    return location;
  }

  /** The browser follows Notion's redirect to the connector's callback. */
  private Http.Answer callback(String location) {
    return http().get("/oauth/notion/callback?" + URI.create(location).getRawQuery(), null);
  }

  private int refreshGrants() {
    return (int)
        sim.calls("POST", "/v1/oauth/token").stream()
            .filter(c -> Http.parse(c.body()).path("grant_type").asText().equals("refresh_token"))
            .count();
  }

  private Map<String, Object> row(String orgId) {
    return jdbc.queryForMap("SELECT * FROM notion_connection WHERE org_id = ?", orgId);
  }

  private String accessToken(String orgId) {
    return vault.decrypt(orgId, (String) row(orgId).get("access_token_enc"));
  }

  private String refreshToken(String orgId) {
    return vault.decrypt(orgId, (String) row(orgId).get("refresh_token_enc"));
  }

  private JsonNode view(String orgId) {
    return http().get("/api/v1/connections/notion", TestJwt.admin(orgId)).json();
  }

  private static Map<String, String> bearer(String orgId) {
    return Map.of("Authorization", "Bearer " + TestJwt.admin(orgId));
  }

  private static String org2() {
    return newOrg();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
