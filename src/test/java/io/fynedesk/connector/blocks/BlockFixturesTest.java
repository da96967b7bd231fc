package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Fixture corpus under {@code fixtures/blocks}: {@code <case>.notion.json} ⇄ {@code <case>.html}
 * and {@code <case>.md}. The reverse direction expects {@code <case>.from-html.notion.json} (or
 * {@code .from-md.}) when present, else the input itself without block ids. {@code
 * <case>.input.html}/{@code .input.md} are one-way inputs. Run with {@code -Dfixtures.update=true}
 * to rewrite expectations, then review the diff.
 */
class BlockFixturesTest {

  static final Path DIR = Path.of("src/test/resources/fixtures/blocks");
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final boolean UPDATE = Boolean.getBoolean("fixtures.update");

  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  static Stream<String> notionCases() throws IOException {
    return cases(".notion.json").filter(c -> !c.contains(".from-"));
  }

  static Stream<String> htmlInputs() throws IOException {
    return cases(".input.html");
  }

  static Stream<String> markdownInputs() throws IOException {
    return cases(".input.md");
  }

  private static Stream<String> cases(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void corpusHasAtLeastFortyCases() throws IOException {
    assertThat(notionCases().count() + htmlInputs().count() + markdownInputs().count())
        .isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notionCases")
  void notionToHtmlMatchesFixture(String name) throws Exception {
    List<Block> blocks = engine.readNotion(json(name + ".notion.json"));
    compareText(name + ".html", engine.toHtml(blocks).content());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notionCases")
  void notionToMarkdownMatchesFixture(String name) throws Exception {
    List<Block> blocks = engine.readNotion(json(name + ".notion.json"));
    compareText(name + ".md", engine.toMarkdown(blocks).content());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notionCases")
  void htmlBackToNotionMatchesFixture(String name) throws Exception {
    String html = read(name + ".html");
    JsonNode actual = engine.writeNotionNested(engine.fromHtml(html).content());
    compareJson(name, ".from-html.notion.json", actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notionCases")
  void markdownBackToNotionMatchesFixture(String name) throws Exception {
    String md = read(name + ".md");
    JsonNode actual = engine.writeNotionNested(engine.fromMarkdown(md).content());
    compareJson(name, ".from-md.notion.json", actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notionCases")
  void htmlIsStableAfterOnePass(String name) throws Exception {
    String once = engine.toHtml(engine.fromHtml(read(name + ".html")).content()).content();
    String twice = engine.toHtml(engine.fromHtml(once).content()).content();
    assertThat(twice).isEqualTo(once);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("htmlInputs")
  void htmlInputToNotionMatchesFixture(String name) throws Exception {
    JsonNode actual =
        engine.writeNotionNested(engine.fromHtml(read(name + ".input.html")).content());
    compareJsonFile(name + ".from-html.notion.json", actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("markdownInputs")
  void markdownInputToNotionMatchesFixture(String name) throws Exception {
    JsonNode actual =
        engine.writeNotionNested(engine.fromMarkdown(read(name + ".input.md")).content());
    compareJsonFile(name + ".from-md.notion.json", actual);
  }

  private void compareJson(String name, String reverseSuffix, JsonNode actual) throws Exception {
    Path reverse = DIR.resolve(name + reverseSuffix);
    JsonNode expected = withoutBlockIds(json(name + ".notion.json"));
    if (UPDATE) {
      if (!expected.equals(actual)) {
        write(reverse, pretty(actual));
      } else {
        Files.deleteIfExists(reverse);
      }
    }
    if (Files.exists(reverse)) {
      expected = json(name + reverseSuffix);
    }
    JSONAssert.assertEquals(expected.toString(), actual.toString(), JSONCompareMode.STRICT);
  }

  private void compareJsonFile(String file, JsonNode actual) throws Exception {
    if (UPDATE) {
      write(DIR.resolve(file), pretty(actual));
    }
    JSONAssert.assertEquals(json(file).toString(), actual.toString(), JSONCompareMode.STRICT);
  }

  private void compareText(String file, String actual) throws IOException {
    if (UPDATE) {
      write(DIR.resolve(file), actual.endsWith("\n") ? actual : actual + "\n");
    }
    assertThat(trimNewline(actual)).isEqualTo(trimNewline(read(file)));
  }

  static String trimNewline(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  /** Block ids removed (mention ids stay): Notion → X → Notion cannot know them. */
  static JsonNode withoutBlockIds(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      JsonNode type = o.get("type");
      if (type != null
          && type.isTextual()
          && o.has(type.asText())
          && !o.has("mention")
          && !o.has("text")
          && !o.has("equation")) {
        o.remove("id");
      }
    }
    for (JsonNode child : node) {
      strip(child);
    }
  }

  static JsonNode json(String file) throws IOException {
    return MAPPER.readTree(read(file));
  }

  static String read(String file) throws IOException {
    return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
  }

  private static String pretty(JsonNode node) throws IOException {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
