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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every block list the engine produces for Notion, from every fixture (HTML, Markdown and Notion
 * JSON), is accepted by the strict Notion simulator when appended through the Notion client.
 */
class EngineOutputAcceptedByNotionTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/blocks");
  static NotionSimulator sim;
  static SimFixtures world;
  static NotionClient client;
  static final BlockEngine ENGINE = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  @BeforeAll
  static void start() {
    sim = NotionSimulator.start();
    sim.rateLimitOff();
    world = new SimFixtures(sim);
    client = new NotionClient(new NotionProperties(new NotionProperties.Api(sim.baseUrl(), "2025-09-03"),
        new NotionProperties.RateLimit(1000), null, null), MAPPER, List.of());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".md")
          || (p.toString().endsWith(".notion.json"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void engineOutputIsAcceptedByNotion(Path fixture) throws IOException {
    String text = Files.readString(fixture, StandardCharsets.UTF_8);
    String name = fixture.getFileName().toString();
    List<Block> blocks = name.endsWith(".html") ? ENGINE.fromHtml(text).content()
        : name.endsWith(".md") ? ENGINE.fromMarkdown(text).content()
        : ENGINE.readNotion(MAPPER.readTree(text));
    List<ObjectNode> request = new ArrayList<>();
    for (JsonNode b : ENGINE.writeNotionRequest(blocks)) {
      request.add((ObjectNode) b);
    }
    String page = sim.seedPage(SimFixtures.WORKSPACE, world.pageId, name);
    List<JsonNode> created = client.appendBlockChildren(new NotionAuth("org_fixtures", SimFixtures.TOKEN), page, request);
    assertThat(created).hasSize(request.size());
    assertThat(sim.calls("PATCH", "/v1/blocks/" + page + "/children")).allMatch(c -> c.status() == 200);
  }
}
