package io.fynedesk.connector.connection;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(OutputCaptureExtension.class)
class ConnectionLifecycleIT extends AbstractConnectorIT {

  static final String TOKEN_PATH = "/api/v1/connections/notion/token";

  @Autowired JdbcTemplate jdbc;

  @Autowired TokenVault vault;

  @Autowired NotionClient notion;

  @Test
  void internalTokenConnectsAndIsNeverStoredReturnedOrLoggedInPlaintext(CapturedOutput output) {
    NotionWorld world = newWorld();
    String org = newOrg();
    String jwt = TestJwt.admin(org);
    Answer a = http().json("PUT", TOKEN_PATH, jwt, "{\"token\":\"" + world.token + "\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("state").asText()).isEqualTo("connected");
    assertThat(a.json().get("tokenKind").asText()).isEqualTo("internal");
    assertThat(a.json().at("/workspace/id").asText()).isEqualTo(world.workspaceId);
    assertThat(a.json().at("/workspace/name").asText()).startsWith("Acme");
    String stored =
        jdbc.queryForObject(
            "SELECT access_token_enc FROM notion_connection WHERE org_id = ?", String.class, org);
    assertThat(stored).doesNotContain(world.token).startsWith("v1:");
    Answer read = http().get("/api/v1/connections/notion", jwt);
    assertThat(read.body()).doesNotContain(world.token);
    assertThat(a.body()).doesNotContain(world.token);
    http().get("/api/v1/connections/notion/resources", jwt);
    assertThat(output.getAll()).doesNotContain(world.token);
  }

  @Test
  void tokenNotionRefusesIsRejectedAndChangesNothing() {
    String org = newOrg();
    Answer a =
        http().json("PUT", TOKEN_PATH, TestJwt.admin(org), "{\"token\":\"ntn_nobody_knows_me\"}");
    assertProblem(a, 400, "notion_token_rejected");
    assertThat(
            http()
                .get("/api/v1/connections/notion", TestJwt.admin(org))
                .json()
                .get("state")
                .asText())
        .isEqualTo("disconnected");
    assertProblem(
        http().json("PUT", TOKEN_PATH, TestJwt.admin(org), "{\"token\":42}"),
        400,
        "validation_failed");
  }

  @Test
  void aWorkspaceBelongsToOneOrgAndAnOrgToOneWorkspace() {
    NotionWorld world = newWorld();
    NotionWorld other = newWorld();
    String orgA = newOrg();
    String orgB = newOrg();
    connect(orgA, world);
    assertProblem(
        http().json("PUT", TOKEN_PATH, TestJwt.admin(orgB), "{\"token\":\"" + world.token + "\"}"),
        409,
        "conflict");
    assertProblem(
        http().json("PUT", TOKEN_PATH, TestJwt.admin(orgA), "{\"token\":\"" + other.token + "\"}"),
        409,
        "conflict");
    // Same workspace again (a rotated token) is a reconnect, not a conflict.
    connect(orgA, world);
  }

  @Test
  void resourcesListWhatNotionSharedAndNothingElse() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    Answer all = http().get("/api/v1/connections/notion/resources", TestJwt.admin(org));
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.json().get("results").findValuesAsText("title"))
        .contains("Knowledge base", "Tickets")
        .doesNotContain("Private notes");
    Answer sources =
        http().get("/api/v1/connections/notion/resources?type=data_source", TestJwt.admin(org));
    assertThat(sources.json().get("results").findValuesAsText("type")).containsOnly("data_source");
    assertThat(sources.json().get("results").findValuesAsText("id")).contains(world.dataSourceId);
    assertProblem(
        http().get("/api/v1/connections/notion/resources?type=user", TestJwt.admin(org)),
        400,
        "validation_failed");
    // A cursor Notion did not hand out is the caller's mistake (it used to be 502 upstream_error).
    Answer bogus =
        http().get("/api/v1/connections/notion/resources?cursor=bogus", TestJwt.admin(org));
    assertProblem(bogus, 400, "validation_failed");
    assertThat(bogus.json().get("errors").findValuesAsText("field")).containsExactly("cursor");
  }

  @Test
  void resourcesOfANeverConnectedOrgIsNotConnected() {
    assertProblem(
        http().get("/api/v1/connections/notion/resources", TestJwt.admin(newOrg())),
        409,
        "not_connected");
  }

  @Test
  void settingsAreCheckedAgainstNotionWhenConnected() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    String jwt = TestJwt.admin(org);
    Answer missing =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                jwt,
                "{\"ticketHandoff\":{\"dataSourceId\":\"ds-not-shared\"}}");
    assertProblem(missing, 400, "validation_failed");
    assertThat(missing.json().get("errors").findValuesAsText("field"))
        .contains("ticketHandoff.dataSourceId");
    Answer badProperty =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                jwt,
                "{\"ticketHandoff\":{\"dataSourceId\":\""
                    + world.dataSourceId
                    + "\",\"propertyMap\":{\"priority\":\"Urgency\"}}}");
    assertProblem(badProperty, 400, "validation_failed");
    assertThat(badProperty.json().get("errors").findValuesAsText("field"))
        .contains("ticketHandoff.propertyMap.priority");
    Answer viaDatabase =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                jwt,
                "{\"ticketHandoff\":{\"dataSourceId\":\"" + world.databaseId + "\"}}");
    assertThat(viaDatabase.status()).as(viaDatabase.body()).isEqualTo(200);
    assertThat(viaDatabase.json().at("/settings/ticketHandoff/dataSourceId").asText())
        .isEqualTo(world.dataSourceId);
    // The AI source's pages are checked as the KB's import sources are (they were taken unseen).
    Answer aiSources =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                jwt,
                "{\"aiSource\":{\"sources\":[\"%s\",\"%s\",\"nope-not-shared\"]}}"
                    .formatted(world.kbPageId, world.privatePageId));
    assertProblem(aiSources, 400, "validation_failed");
    assertThat(aiSources.json().get("errors").findValuesAsText("field"))
        .containsExactly("aiSource.sources[1]", "aiSource.sources[2]");
    Answer shared =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                jwt,
                "{\"aiSource\":{\"sources\":[\"%s\",\"%s\"]}}"
                    .formatted(world.kbPageId, world.databaseId));
    assertThat(shared.status()).as(shared.body()).isEqualTo(200);
  }

  @Test
  void revokedTokenMarksTheConnectionNeedsReconnect() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    world.sim.revokeToken(world.token);
    Answer a = http().get("/api/v1/connections/notion/resources", TestJwt.admin(org));
    assertProblem(a, 409, "not_connected");
    Answer view = http().get("/api/v1/connections/notion", TestJwt.admin(org));
    assertThat(view.json().get("state").asText()).isEqualTo("needs_reconnect");
    assertThat(view.json().at("/health/lastError").asText()).contains("Notion refused the token");
  }

  /**
   * A call sent with the old token while the admin reconnected with a new one gets its 401 after
   * the reconnect: it is sent again with the stored token, and the new connection stays connected.
   * Before, that late 401 marked the fresh connection {@code needs_reconnect}.
   */
  @Test
  void aLate401ForATokenTheAdminHasReplacedLeavesTheNewConnectionAlone() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    String newToken = world.token + "_new";
    world.sim.token(newToken, world.workspaceId, world.botId, world.kbPageId);
    Answer reconnect =
        http().json("PUT", TOKEN_PATH, TestJwt.admin(org), "{\"token\":\"" + newToken + "\"}");
    assertThat(reconnect.status()).as(reconnect.body()).isEqualTo(200);
    world.sim.revokeToken(world.token);

    assertThat(notion.me(new NotionAuth(org, world.token)).path("object").asText())
        .isEqualTo("user");
    Answer view = http().get("/api/v1/connections/notion", TestJwt.admin(org));
    assertThat(view.json().get("state").asText()).isEqualTo("connected");
    assertThat(
            http()
                .get("/api/v1/connections/notion/resources", TestJwt.admin(org))
                .json()
                .get("results")
                .isArray())
        .isTrue();
  }

  /**
   * A stored token the vault cannot decrypt (the encryption key was changed; here sealed for
   * another org, which fails the same way) is a connection that needs a reconnect, not a 500; a
   * reconnect with the token heals it.
   */
  @Test
  void undecryptableStoredTokenNeedsAReconnectAndAReconnectHealsIt() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    jdbc.update(
        "UPDATE notion_connection SET access_token_enc = ? WHERE org_id = ?",
        vault.encrypt("another-org", world.token),
        org);

    Answer a = http().get("/api/v1/connections/notion/resources", TestJwt.admin(org));
    assertProblem(a, 409, "not_connected");
    Answer view = http().get("/api/v1/connections/notion", TestJwt.admin(org));
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.json().get("state").asText()).isEqualTo("needs_reconnect");
    assertThat(view.json().at("/health/lastError").asText()).contains("cannot be decrypted");

    connect(org, world);
    assertThat(
            http()
                .get("/api/v1/connections/notion/resources", TestJwt.admin(org))
                .json()
                .get("results")
                .isArray())
        .isTrue();
  }

  @Test
  void disconnectRemovesTokens() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    Answer del = disconnect(org);
    assertThat(del.status()).isEqualTo(204);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM notion_connection WHERE org_id = ?", Integer.class, org))
        .isZero();
    // The workspace is free again for another org.
    connect(newOrg(), world);
  }
}
