package io.fynedesk.connector.status;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST …/status-map/preview}: what each Notion status option would do, writing nothing. */
class StatusMapPreviewIT extends AbstractConnectorIT {

  static final String PATH = "/api/v1/connections/notion/status-map/preview";

  NotionWorld world;
  String org;

  @BeforeEach
  void connectedWithAHandOffDataSource() {
    world = newWorld();
    org = newOrg();
    connect(org, world);
    Http.Answer a =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                TestJwt.admin(org),
                "{\"ticketHandoff\": {\"dataSourceId\": \"" + world.dataSourceId + "\"}}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  @Test
  void savedMapGivesEachStatusOptionItsTicketStatusOrAction() {
    Http.Answer a = http().json("POST", PATH, TestJwt.admin(org), "");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode p = a.json();
    assertThat(p.path("dataSourceId").asText()).isEqualTo(world.dataSourceId);
    assertThat(p.path("property").asText()).isEqualTo("Status");
    assertThat(p.path("propertyType").asText()).isEqualTo("status");
    assertThat(targets(p))
        .containsExactly(
            "New → null",
            "Open → null",
            "Pending → null",
            "Done → solved (status, name)",
            "Reopened → action:reopen (action, name)");
    assertThat(p.path("options").get(0).path("id").asText()).isNotBlank();
    assertThat(p.path("unmatchedKeys")).isEmpty();
  }

  @Test
  void aCandidateMapIsPreviewedWithoutBeingSaved() {
    String candidate =
        "{\"map\": {\"done\": \"closed\", \"Pending\": \"action:escalate\", \"Gone\": \"open\"}}";
    Http.Answer a = http().json("POST", PATH, TestJwt.admin(org), candidate);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(targets(a.json()))
        .containsExactly(
            "New → null",
            "Open → null",
            "Pending → action:escalate (action, name)",
            "Done → closed (status, name_ignoring_case)",
            "Reopened → null");
    assertThat(a.json().path("unmatchedKeys").toString()).isEqualTo("[\"Gone\"]");
    JsonNode saved =
        http()
            .get("/api/v1/connections/notion", TestJwt.admin(org))
            .json()
            .at("/settings/statusSync/map");
    assertThat(saved.path("Done").asText()).isEqualTo("solved");
    assertThat(saved.has("Gone")).isFalse();
  }

  @Test
  void anOptionIdAsKeyMatchesFirst() {
    JsonNode options = http().json("POST", PATH, TestJwt.admin(org), "").json().path("options");
    String doneId = options.get(3).path("id").asText();
    Http.Answer a =
        http()
            .json(
                "POST",
                PATH,
                TestJwt.admin(org),
                "{\"map\": {\"" + doneId + "\": \"closed\", \"Done\": \"solved\"}}");
    assertThat(targets(a.json())).contains("Done → closed (status, id)");
  }

  @Test
  void anotherPropertyIsPreviewedWhenItIsAStatusOrSelect() {
    Http.Answer a =
        http()
            .json(
                "POST",
                PATH,
                TestJwt.admin(org),
                "{\"property\": \"Priority\", \"map\": {\"Urgent\": \"open\"}}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("propertyType").asText()).isEqualTo("select");
    assertThat(targets(a.json())).contains("Urgent → open (status, name)", "Low → null");
  }

  @Test
  void badCandidatesAre400WithTheField() {
    Http.Answer badTarget =
        http().json("POST", PATH, TestJwt.admin(org), "{\"map\": {\"Done\": \"exploded\"}}");
    assertProblem(badTarget, 400, "validation_failed");
    assertThat(badTarget.json().at("/errors/0/field").asText()).isEqualTo("map.Done");
    Http.Answer textProperty =
        http().json("POST", PATH, TestJwt.admin(org), "{\"property\": \"Category\"}");
    assertProblem(textProperty, 400, "validation_failed");
    assertThat(textProperty.json().at("/errors/0/field").asText()).isEqualTo("property");
    Http.Answer missing = http().json("POST", PATH, TestJwt.admin(org), "{\"property\": \"Nope\"}");
    assertProblem(missing, 400, "validation_failed");
    Http.Answer unknown = http().json("POST", PATH, TestJwt.admin(org), "{\"mapp\": {}}");
    assertProblem(unknown, 400, "validation_failed");
    assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("mapp");
    assertProblem(http().json("POST", PATH, TestJwt.admin(org), "{not json"), 400, "malformed");
    assertProblem(http().json("POST", PATH, TestJwt.admin(org), "[]"), 400, "validation_failed");
  }

  @Test
  void adminsOfAConnectedOrgOnly() {
    assertProblem(http().json("POST", PATH, null, ""), 401, "unauthorized");
    assertProblem(http().json("POST", PATH, TestJwt.agent(org), ""), 403, "admin_required");
    assertProblem(http().json("POST", PATH, TestJwt.admin(newOrg()), ""), 409, "not_connected");
  }

  static List<String> targets(JsonNode preview) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : preview.path("options")) {
      out.add(
          o.path("name").asText()
              + " → "
              + (o.path("target").isNull()
                  ? "null"
                  : o.path("target").asText()
                      + " ("
                      + o.path("kind").asText()
                      + ", "
                      + o.path("matchedBy").asText()
                      + ")"));
    }
    return out;
  }
}
