package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionProperties;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.simulator.notion.SimFixtures;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Generated trees of clean block types, written by the engine, are accepted by the strict simulator. */
class GeneratedTreesAcceptedByNotionProperties {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final BlockEngine ENGINE = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);
  static NotionSimulator sim;
  static SimFixtures world;
  static NotionClient client;

  @BeforeContainer
  static void start() {
    sim = NotionSimulator.start();
    sim.rateLimitOff();
    world = new SimFixtures(sim);
    client = new NotionClient(new NotionProperties(new NotionProperties.Api(sim.baseUrl(), "2025-09-03"),
        new NotionProperties.RateLimit(1000), null, null), MAPPER, List.of());
  }

  @AfterContainer
  static void stop() {
    sim.close();
  }

  @Provide
  Arbitrary<List<Block>> trees() {
    return BlockTrees.trees();
  }

  @Property(tries = 60)
  void generatedTreesAreAcceptedByNotion(@ForAll("trees") List<Block> tree) {
    List<ObjectNode> request = new ArrayList<>();
    for (JsonNode b : ENGINE.writeNotionRequest(tree)) {
      request.add((ObjectNode) b);
    }
    String page = sim.seedPage(SimFixtures.WORKSPACE, world.pageId, "generated");
    List<JsonNode> created = client.appendBlockChildren(new NotionAuth("org_generated", SimFixtures.TOKEN), page, request);
    assertThat(created).hasSize(request.size());
  }
}
