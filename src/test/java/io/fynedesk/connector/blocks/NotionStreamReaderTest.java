package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.instancio.junit.Given;
import org.instancio.junit.InstancioExtension;
import org.instancio.junit.InstancioSource;
import org.instancio.junit.Seed;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming byte reader gives exactly what the tree reader gives: blocks, or the same error.
 */
@ExtendWith(InstancioExtension.class)
class NotionStreamReaderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  static Stream<String> notionFiles() throws IOException {
    try (Stream<Path> files = Files.list(BlockFixturesTest.DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".notion.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notionFiles")
  void fixturesReadTheSameFromBytes(String name) throws Exception {
    byte[] json = Files.readAllBytes(BlockFixturesTest.DIR.resolve(name));
    assertSame(json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"paragraph\":{\"rich_text\":[]},\"type\":\"paragraph\"}]",
        "[{\"object\":\"block\",\"parent\":{\"type\":\"page_id\"},\"has_children\":true,\"id\":\"a\",\"type\":\"toggle\","
            + "\"toggle\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"t\",\"link\":null},\"plain_text\":\"t\","
            + "\"href\":null,\"annotations\":{\"bold\":true,\"italic\":false,\"strikethrough\":false,\"underline\":false,"
            + "\"code\":false,\"color\":\"red\"}}],\"color\":\"blue\"},\"children\":[{\"type\":\"paragraph\",\"archived\":true}]}]",
        "[{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":\"mention\",\"mention\":{\"type\":\"date\","
            + "\"date\":{\"start\":\"2025-01-01\"}}},{\"equation\":{\"expression\":\"x\"}},{\"plain_text\":\"p\"},"
            + "{\"text\":{\"content\":null}},{\"type\":\"text\",\"plain_text\":\"only\"}]}}]",
        "[{\"type\":\"table\",\"table\":{\"table_width\":2,\"has_column_header\":true,\"children\":[{\"type\":\"table_row\","
            + "\"table_row\":{\"cells\":[[{\"text\":{\"content\":\"a\"}}],null]}}]}}]",
        "[{\"type\":\"table\",\"table\":{},\"children\":[{\"type\":\"paragraph\"}]}]",
        "[{\"type\":\"heading_4\",\"heading_4\":{\"is_toggleable\":\"yes\"},\"id\":7}]",
        "[{\"type\":\"unsupported\",\"unsupported\":{\"x\":[1,2.5,{\"y\":null}],\"children\":[{\"type\":\"divider\"}]}}]",
        "[{\"type\":\"image\",\"image\":{\"type\":\"file\",\"file\":{\"url\":\"https://x.io/a.png\",\"expiry_time\":\"t\"}}}]",
        "[{\"type\":\"image\",\"image\":{\"type\":\"nope\"}}]",
        "[{\"type\":\"callout\",\"callout\":{\"icon\":{\"type\":\"emoji\",\"emoji\":\"x\"},\"rich_text\":{}}}]",
        "[{\"type\":\"paragraph\",\"paragraph\":\"x\"}]",
        "[{\"type\":\"\"}]",
        "[1]",
        "[{\"id\":\"x\"}]",
        "[]",
        "{}",
        "[{\"type\":\"paragraph\"",
        "[{\"type\":\"divider\"},",
        "[{\"type\":\"column_list\",\"column_list\":null,\"children\":[{\"type\":\"column\",\"column\":{\"width_ratio\":0.5}}]}]",
        "[{\"type\":\"code\",\"code\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"c\"},\"annotations\":[]}],"
            + "\"caption\":[{\"type\":\"text\",\"text\":{\"content\":\"cap\",\"link\":{\"url\":\"https://a.b\"}}}],\"language\":\"java\"}}]"
      })
  void oddShapesReadTheSameFromBytes(String json) throws Exception {
    assertSame(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @InstancioSource(samples = 200)
  @Seed(20260105L)
  void generatedTreesReadTheSameFromBytes(@Given(BlockTrees.Trees.class) List<Block> tree)
      throws Exception {
    byte[] json = engine.writeNotionNestedJson(tree);
    assertThat(engine.readNotion(json)).isEqualTo(tree);
  }

  private void assertSame(byte[] json) {
    Object expected;
    try {
      expected = engine.readNotion(MAPPER.readTree(json));
    } catch (Exception e) {
      expected = e instanceof ConversionInputException c ? c.getMessage() : "invalid JSON";
    }
    Object actual;
    try {
      actual = engine.readNotion(json);
    } catch (ConversionInputException e) {
      actual = e.getMessage().contains("is not valid JSON") ? "invalid JSON" : e.getMessage();
    }
    assertThat(actual).isEqualTo(expected);
  }
}
