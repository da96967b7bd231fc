package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** An org with a Notion world whose knowledge-base page holds a few help pages. */
abstract class KnowledgeFixture extends AbstractConnectorIT {

  static final ObjectMapper JSON = new ObjectMapper();

  NotionWorld world;
  String org;
  String admin;

  @BeforeEach
  void orgAndWorld() {
    world = newWorld();
    org = newOrg();
    admin = TestJwt.admin(org);
  }

  /** A page under the knowledge base with a heading and paragraphs; returns its id. */
  String helpPage(String title, String heading, String... paragraphs) {
    String id = world.sim.seedPage(world.workspaceId, world.kbPageId, title);
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(block("heading_2", heading));
    for (String p : paragraphs) {
      blocks.add(block("paragraph", p));
    }
    world.sim.seedBlocks(id, blocks);
    return id;
  }

  static ObjectNode block(String type, String text) {
    ObjectNode b = JSON.createObjectNode().put("object", "block").put("type", type);
    b.putObject(type).putArray("rich_text").addObject().putObject("text").put("content", text);
    return b;
  }

  String dataset() {
    Http.Answer a = post("/api/v1/dataset/create", "{\"name\":\"Help center\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().get("id").asText();
  }

  String integration(String json) {
    Http.Answer a = post("/api/v1/integration/notion/create", json);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().get("id").asText();
  }

  /** An integration with the world's token syncing into a fresh dataset. */
  String syncingIntegration(String dataset) {
    return integration(
        "{\"name\":\"Wiki\",\"datasetId\":\"" + dataset + "\",\"token\":\"" + world.token + "\"}");
  }

  Http.Answer post(String path, String json) {
    return http().json("POST", path, admin, json);
  }

  Http.Answer get(String path) {
    return http().get(path, admin);
  }

  JsonNode fetch(String id) {
    Http.Answer a = get("/api/v1/integration/notion/" + id + "/fetch");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json();
  }

  JsonNode records(String dataset) {
    Http.Answer a = get("/api/v1/dataset/" + dataset + "/record/list");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().get("items");
  }

  JsonNode runs(String id) {
    Http.Answer a = get("/api/v1/integration/notion/" + id + "/sync-runs");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().get("items");
  }

  /** Whether the newest run has finished (any outcome). */
  boolean lastRunFinished(String id) {
    JsonNode items = runs(id);
    return items.size() > 0 && items.get(0).hasNonNull("finishedAt");
  }

  JsonNode search(String dataset, String query, int limit) {
    Http.Answer a =
        post(
            "/api/v1/dataset/" + dataset + "/search",
            JSON.createObjectNode().put("search", query).put("limit", limit).toString());
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().get("records");
  }
}
