package io.fynedesk.connector.blocks;

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

/** Appends what the block engine writes for Notion to a fresh page of the strict simulator. */
final class SimulatorAppend implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  final NotionSimulator sim;
  private final SimFixtures world;
  private final NotionClient client;

  SimulatorAppend() {
    sim = NotionSimulator.start();
    sim.rateLimitOff();
    world = new SimFixtures(sim);
    client =
        new NotionClient(
            new NotionProperties(
                new NotionProperties.Api(sim.baseUrl(), "2025-09-03"),
                new NotionProperties.RateLimit(1000),
                null,
                null),
            MAPPER,
            List.of());
  }

  /**
   * Writes the blocks in Notion's request shape and appends them to a new page; returns the page
   * id.
   */
  String append(BlockEngine engine, List<Block> blocks, String pageTitle, List<JsonNode> created) {
    List<ObjectNode> request = new ArrayList<>();
    for (JsonNode b : engine.writeNotionRequest(blocks)) {
      request.add((ObjectNode) b);
    }
    String page = sim.seedPage(SimFixtures.WORKSPACE, world.pageId, pageTitle);
    created.addAll(
        client.appendBlockChildren(new NotionAuth("org_blocks", SimFixtures.TOKEN), page, request));
    return page;
  }

  /** Top-level blocks the engine writes for these blocks. */
  static int topLevel(BlockEngine engine, List<Block> blocks) {
    return engine.writeNotionRequest(blocks).size();
  }

  @Override
  public void close() {
    sim.close();
  }
}
