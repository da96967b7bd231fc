package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.instancio.junit.Given;
import org.instancio.junit.InstancioExtension;
import org.instancio.junit.InstancioSource;
import org.instancio.junit.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused Notion JSON → Markdown path gives exactly what reading blocks and rendering them gives:
 * the same Markdown, warnings and truncation, or the same error.
 */
@ExtendWith(InstancioExtension.class)
class FusedMarkdownTest {

  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  static Stream<String> notionFiles() throws IOException {
    return NotionStreamReaderTest.notionFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notionFiles")
  void fixturesConvertTheSame(String name) throws Exception {
    assertSame(engine, Files.readAllBytes(BlockFixturesTest.DIR.resolve(name)));
  }

  @ParameterizedTest
  @InstancioSource(samples = 200)
  @Seed(20261202L)
  void generatedTreesConvertTheSame(@Given(BlockTrees.Trees.class) List<Block> tree) {
    assertSame(engine, engine.writeNotionNestedJson(tree));
  }

  @ParameterizedTest
  @InstancioSource(samples = 50)
  @Seed(20261203L)
  void pagesBeyondTheLimitAreTruncatedTheSame(@Given(BlockTrees.Trees.class) List<Block> tree) {
    assertSame(new BlockEngine(3), engine.writeNotionNestedJson(tree));
  }

  @Test
  void badInputFailsTheSame() {
    for (String json : List.of("{}", "[1]", "[{\"type\":\"paragraph\"", "[{\"id\":\"x\"}]")) {
      assertSame(engine, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void assertSame(BlockEngine engine, byte[] json) {
    Object expected;
    try {
      ConversionResult<String> r = engine.toMarkdown(engine.readNotion(json));
      expected = List.of(r.content(), r.warnings(), r.truncated());
    } catch (ConversionInputException e) {
      expected = e.getMessage();
    }
    Object actual;
    try {
      ConversionResult<String> r = engine.notionJsonToMarkdown(json);
      actual = List.of(r.content(), r.warnings(), r.truncated());
    } catch (ConversionInputException e) {
      actual = e.getMessage();
    }
    assertThat(actual).isEqualTo(expected);
  }
}
