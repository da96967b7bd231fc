package io.fynedesk.connector.connection;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SettingsIT extends AbstractConnectorIT {

  static final String PATH = "/api/v1/connections/notion/settings";

  @Test
  void partialPatchMergesObjectsAndReplacesArraysWhole() {
    String jwt = TestJwt.admin(newOrg());
    Answer first =
        http()
            .json(
                "PATCH",
                PATH,
                jwt,
                "{\"enabled\":true,\"ticketHandoff\":{\"triggers\":[\"created\",\"tagged\"],\"tags\":[\"bug\"]}}");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    Answer second =
        http()
            .json(
                "PATCH",
                PATH,
                jwt,
                "{\"ticketHandoff\":{\"triggers\":[\"escalated\"],\"propertyMap\":{\"category\":\"Area\"}}}");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("enabled").asBoolean()).isTrue();
    assertThat(second.json().at("/settings/ticketHandoff/triggers").toString())
        .isEqualTo("[\"escalated\"]");
    assertThat(second.json().at("/settings/ticketHandoff/tags").toString()).isEqualTo("[\"bug\"]");
    assertThat(second.json().at("/settings/ticketHandoff/propertyMap").toString())
        .isEqualTo("{\"category\":\"Area\"}");
    assertThat(second.json().at("/settings/kbSync/defaultOwner").asText()).isEqualTo("fynedesk");
    Answer read = http().get("/api/v1/connections/notion", jwt);
    assertThat(read.json().at("/settings/ticketHandoff/triggers/0").asText())
        .isEqualTo("escalated");
  }

  /**
   * Two admins save at once: one picks the hand-off's data source (checked against Notion, slow
   * here), the other switches the connection on while that check runs. Both changes stay; before,
   * the slow save wrote its whole merge over the other's.
   */
  @Test
  void twoSavesAtOnceBothKeepTheirChange() {
    NotionWorld world = newWorld();
    String org = newOrg();
    String jwt = TestJwt.admin(org);
    connect(org, world);
    world.sim.inject(
        Fault.latency(Duration.ofMillis(1500))
            .on("GET", "/v1/(data_sources|databases)/.*")
            .times(1));
    CompletableFuture<Answer> slow =
        CompletableFuture.supplyAsync(
            () ->
                http()
                    .json(
                        "PATCH",
                        PATH,
                        jwt,
                        "{\"ticketHandoff\":{\"dataSourceId\":\"" + world.dataSourceId + "\"}}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> world.sim.armedFaults() == 0);
    Answer fast = http().json("PATCH", PATH, jwt, "{\"enabled\":true}");
    assertThat(fast.status()).as(fast.body()).isEqualTo(200);
    Answer slowAnswer = slow.join();
    assertThat(slowAnswer.status()).as(slowAnswer.body()).isEqualTo(200);
    Answer read = http().get("/api/v1/connections/notion", jwt);
    assertThat(read.json().get("enabled").asBoolean()).isTrue();
    assertThat(read.json().at("/settings/ticketHandoff/dataSourceId").asText())
        .isEqualTo(world.dataSourceId);
  }

  @Test
  void invalidSettingsAre400WithFieldPathsAndChangeNothing() {
    String jwt = TestJwt.admin(newOrg());
    Map<String, String> cases =
        Map.of(
            "{\"colour\":\"red\"}", "colour",
            "{\"enabled\":\"yes\"}", "enabled",
            "{\"ticketHandoff\":{\"triggers\":[\"created\",\"deleted\"]}}",
                "ticketHandoff.triggers[1]",
            "{\"ticketHandoff\":{\"propertyMap\":{\"mood\":\"Mood\"}}}",
                "ticketHandoff.propertyMap.mood",
            "{\"statusSync\":{\"map\":{\"Done\":\"action:explode\"}}}", "statusSync.map.Done",
            "{\"kbSync\":{\"defaultOwner\":\"both\"}}", "kbSync.defaultOwner",
            "{\"aiSource\":{\"sources\":\"page\"}}", "aiSource.sources",
            "{\"ticketHandoff\":{\"enabled\":true,\"extra\":1}}", "ticketHandoff.extra");
    cases.forEach(
        (body, field) -> {
          Answer a = http().json("PATCH", PATH, jwt, body);
          assertProblem(a, 400, "validation_failed");
          assertThat(a.json().get("errors").findValuesAsText("field")).contains(field);
        });
    Answer read = http().get("/api/v1/connections/notion", jwt);
    assertThat(read.json().get("enabled").asBoolean()).isFalse();
    assertThat(read.json().at("/settings/ticketHandoff/triggers").toString())
        .isEqualTo("[\"created\"]");
  }

  @Test
  void badBodiesAreClearProblems() {
    String jwt = TestJwt.admin(newOrg());
    assertProblem(http().json("PATCH", PATH, jwt, "{oops"), 400, "malformed");
    assertProblem(http().json("PATCH", PATH, jwt, "[]"), 400, "validation_failed");
    Answer text =
        http()
            .send(
                "PATCH",
                PATH,
                "enabled=true".getBytes(),
                Map.of("Authorization", "Bearer " + jwt, "Content-Type", "text/plain"));
    assertProblem(text, 415, "unsupported_media_type");
  }

  @Test
  void disconnectRemovesSettings() {
    String jwt = TestJwt.admin(newOrg());
    http().json("PATCH", PATH, jwt, "{\"enabled\":true}");
    Answer del =
        http()
            .send(
                "DELETE",
                "/api/v1/connections/notion",
                null,
                Map.of("Authorization", "Bearer " + jwt));
    assertThat(del.status()).isEqualTo(204);
    assertThat(http().get("/api/v1/connections/notion", jwt).json().get("enabled").asBoolean())
        .isFalse();
  }

  @Test
  void oneOrgsSettingsNeverShowForAnother() {
    String jwtA = TestJwt.admin(newOrg());
    String jwtB = TestJwt.admin(newOrg());
    http().json("PATCH", PATH, jwtA, "{\"enabled\":true}");
    assertThat(http().get("/api/v1/connections/notion", jwtB).json().get("enabled").asBoolean())
        .isFalse();
  }
}
