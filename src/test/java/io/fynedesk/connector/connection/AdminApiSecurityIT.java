package io.fynedesk.connector.connection;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.TestJwt;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminApiSecurityIT extends AbstractConnectorIT {

  static final String PATH = "/api/v1/connections/notion";

  @Test
  void noTokenIsUnauthorized() {
    assertProblem(http().get(PATH, null), 401, "unauthorized");
  }

  @Test
  void expiredForgedOrExpLessTokensAreUnauthorized() {
    String org = newOrg();
    String expired =
        TestJwt.token(TestJwt.SECRET, org, "admin", "pro", Instant.now().minusSeconds(600));
    String forged =
        TestJwt.token(
            "another-secret-that-is-also-32-bytes-long!",
            org,
            "admin",
            "pro",
            Instant.now().plusSeconds(600));
    String noExp = TestJwt.token(TestJwt.SECRET, org, "admin", "pro", null);
    // Just expired is expired (Spring Security's default 60 s of clock skew took it until then).
    String justExpired =
        TestJwt.token(TestJwt.SECRET, org, "admin", "pro", Instant.now().minusSeconds(5));
    String noSub =
        TestJwt.token(TestJwt.SECRET, null, org, "admin", "pro", Instant.now().plusSeconds(600));
    String blankSub =
        TestJwt.token(TestJwt.SECRET, " ", org, "admin", "pro", Instant.now().plusSeconds(600));
    for (String jwt :
        new String[] {expired, justExpired, forged, noExp, noSub, blankSub, "not-a-jwt"}) {
      assertProblem(http().get(PATH, jwt), 401, "unauthorized");
    }
  }

  @Test
  void anUnknownRouteIs404WithOrWithoutAToken() {
    for (String path : new String[] {"/api/v1/nope", "/api/v2/x", "/api/v1/integration/notion"}) {
      assertProblem(http().get(path, null), 404, "not_found");
      assertProblem(http().get(path, "not-a-jwt"), 404, "not_found");
      assertProblem(http().get(path, TestJwt.admin(newOrg())), 404, "not_found");
    }
    // A route that exists (a template with a parameter too) still asks for a token first.
    for (String path :
        new String[] {
          PATH, "/api/v1/integration/notion/some-id/fetch", "/api/v1/dataset/d/record/list"
        }) {
      assertProblem(http().get(path, null), 401, "unauthorized");
    }
  }

  @Test
  void agentIsRefusedAsAdminRequired() {
    assertProblem(http().get(PATH, TestJwt.agent(newOrg())), 403, "admin_required");
  }

  @Test
  void basicPlanAdminIsRefusedAsProPlanRequired() {
    assertProblem(http().get(PATH, TestJwt.basicPlanAdmin(newOrg())), 403, "pro_plan_required");
  }

  @Test
  void neverConnectedOrgSeesDisconnectedWithDefaultSettings() {
    String org = newOrg();
    Answer a = http().get(PATH, TestJwt.admin(org));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().get("organizationId").asText()).isEqualTo(org);
    assertThat(a.json().get("state").asText()).isEqualTo("disconnected");
    assertThat(a.json().get("enabled").asBoolean()).isFalse();
    assertThat(a.json().get("workspace").isNull()).isTrue();
    assertThat(a.json().get("tokenKind").isNull()).isTrue();
    assertThat(a.json().at("/settings/ticketHandoff/triggers/0").asText()).isEqualTo("created");
    assertThat(a.json().at("/settings/statusSync/map/Done").asText()).isEqualTo("solved");
    assertThat(a.json().at("/health/failures").asInt()).isZero();
    assertThat(a.json().at("/health/pending").asInt()).isZero();
  }

  @Test
  void trustedHeadersCannotBeForgedByTheClient() {
    String orgA = newOrg();
    String orgB = newOrg();
    Answer a =
        http()
            .send(
                "GET",
                PATH,
                null,
                Map.of("Authorization", "Bearer " + TestJwt.admin(orgA), "X-Connector-Org", orgB));
    assertThat(a.json().get("organizationId").asText()).isEqualTo(orgA);
    Answer q = http().get(PATH + "?X-Connector-Org=" + orgB, TestJwt.admin(orgA));
    assertThat(q.status()).isEqualTo(400);
  }

  @Test
  void unknownRouteIsNotFoundProblem() {
    assertProblem(
        http().get("/api/v1/connections/notion/nope", TestJwt.admin(newOrg())), 404, "not_found");
    assertProblem(http().get("/nothing-here", null), 404, "not_found");
  }

  @Test
  void otherOrgsFailureCannotBeRetried() {
    Answer a =
        http().json("POST", PATH + "/failures/fail_unknown/retry", TestJwt.admin(newOrg()), null);
    assertProblem(a, 404, "not_found");
  }

  @Test
  void responsesNeverEchoTheBearerToken() {
    String jwt = TestJwt.admin(newOrg());
    Answer a = http().get(PATH, jwt);
    assertThat(a.header("Authorization")).isNull();
    assertThat(a.body()).doesNotContain(jwt);
  }
}
