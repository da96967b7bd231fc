package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  static final BlockEngine ENGINE = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);
  static SimulatorAppend notion;

  @BeforeAll
  static void start() {
    notion = new SimulatorAppend();
  }

  @AfterAll
  static void stop() {
    notion.close();
  }

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files
          .filter(
              p ->
                  p.toString().endsWith(".html")
                      || p.toString().endsWith(".md")
                      || p.toString().endsWith(".notion.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void engineOutputIsAcceptedByNotion(Path fixture) throws IOException {
    String text = Files.readString(fixture, StandardCharsets.UTF_8);
    String name = fixture.getFileName().toString();
    List<Block> blocks =
        name.endsWith(".html")
            ? ENGINE.fromHtml(text).content()
            : name.endsWith(".md")
                ? ENGINE.fromMarkdown(text).content()
                : ENGINE.readNotion(MAPPER.readTree(text));
    List<JsonNode> created = new ArrayList<>();
    String page = notion.append(ENGINE, blocks, name, created);
    assertThat(created).hasSize(SimulatorAppend.topLevel(ENGINE, blocks));
    assertThat(notion.sim.calls("PATCH", "/v1/blocks/" + page + "/children"))
        .allMatch(c -> c.status() == 200);
  }
}
