package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlockEngineTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  private static JsonNode json(String s) throws Exception {
    return MAPPER.readTree(s);
  }

  @Test
  void convertNotionToHtmlReturnsAStringWithWarnings() throws Exception {
    ConversionResult<JsonNode> r =
        engine.convert(
            "notion",
            "html",
            json("[{\"id\":\"abc-1\",\"type\":\"embed\",\"embed\":{\"url\":\"https://x.io\"}}]"));
    assertThat(r.content().isTextual()).isTrue();
    assertThat(r.content().asText()).contains("https://x.io");
    assertThat(r.warnings())
        .containsExactly(
            new ConversionWarning("placeholder", "embed block shown as a placeholder", "abc-1"));
    assertThat(r.truncated()).isFalse();
  }

  @Test
  void markdownDetailsBecomeAToggleWhoseSummaryEntitiesAreDecoded() throws Exception {
    ConversionResult<JsonNode> r =
        engine.convert(
            "markdown",
            "notion",
            TextNode.valueOf(
                "<details>\n<summary>Q &amp; A &lt;3</summary>\n\nbody\n\n</details>"));
    assertThat(r.content().get(0).get("type").asText()).isEqualTo("toggle");
    assertThat(r.content().at("/0/toggle/rich_text/0/text/content").asText()).isEqualTo("Q & A <3");
    assertThat(r.content().at("/0/children/0/paragraph/rich_text/0/text/content").asText())
        .isEqualTo("body");
  }

  @Test
  void convertMarkdownToNotionReturnsNestedBlocks() throws Exception {
    ConversionResult<JsonNode> r =
        engine.convert("markdown", "notion", TextNode.valueOf("- a\n  - b"));
    assertThat(r.content())
        .isEqualTo(
            json(
                "[{\"type\":\"bulleted_list_item\",\"bulleted_list_item\":"
                    + "{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"a\"}}]},\"children\":[{\"type\":"
                    + "\"bulleted_list_item\",\"bulleted_list_item\":{\"rich_text\":[{\"type\":\"text\",\"text\":"
                    + "{\"content\":\"b\"}}]}}]}]"));
  }

  @Test
  void convertRejectsUnknownFormatsAndWrongContentTypes() throws Exception {
    assertThatThrownBy(() -> engine.convert("docx", "html", TextNode.valueOf("x")))
        .isInstanceOf(ConversionInputException.class)
        .extracting("field")
        .isEqualTo("from");
    assertThatThrownBy(() -> engine.convert("html", "pdf", TextNode.valueOf("x")))
        .isInstanceOf(ConversionInputException.class)
        .extracting("field")
        .isEqualTo("to");
    assertThatThrownBy(() -> engine.convert("notion", "html", TextNode.valueOf("[]")))
        .isInstanceOf(ConversionInputException.class)
        .extracting("field")
        .isEqualTo("content");
    assertThatThrownBy(() -> engine.convert("html", "notion", json("[]")))
        .isInstanceOf(ConversionInputException.class)
        .extracting("field")
        .isEqualTo("content");
  }

  @Test
  void convertNamesTheMalformedField() throws Exception {
    assertThatThrownBy(() -> engine.convert("notion", "html", json("[{\"paragraph\":{}}]")))
        .isInstanceOf(IllegalArgumentException.class)
        .extracting("field")
        .isEqualTo("content[0].type");
    assertThatThrownBy(
            () ->
                engine.convert(
                    "notion",
                    "html",
                    json(
                        "[{\"type\":\"toggle\",\"toggle\":{\"rich_text\":[]},\"children\":[{\"type\":\"paragraph\","
                            + "\"paragraph\":{\"rich_text\":\"oops\"}}]}]")))
        .extracting("field")
        .isEqualTo("content[0].children[0].paragraph.rich_text");
    assertThatThrownBy(() -> engine.convert("notion", "html", json("[42]")))
        .extracting("field")
        .isEqualTo("content[0]");
  }

  @Test
  void requestShapeNestsChildrenUnderTheTypeAndReplacesUncreatableTypes() throws Exception {
    var blocks =
        engine.readNotion(
            json(
                "[{\"id\":\"p1\",\"type\":\"toggle\",\"toggle\":{\"rich_text\":[]},"
                    + "\"children\":[{\"id\":\"c1\",\"type\":\"child_page\",\"child_page\":{\"title\":\"T\"}},"
                    + "{\"id\":\"u1\",\"type\":\"unsupported\",\"unsupported\":{}},"
                    + "{\"id\":\"l1\",\"type\":\"link_preview\",\"link_preview\":{\"url\":\"https://x.io\"}}]}]"));

    assertThat(engine.writeNotionRequest(blocks))
        .isEqualTo(
            json(
                "[{\"type\":\"toggle\",\"toggle\":"
                    + "{\"rich_text\":[],\"children\":[{\"type\":\"link_to_page\",\"link_to_page\":{\"type\":"
                    + "\"page_id\",\"page_id\":\"c1\"}},{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{"
                    + "\"type\":\"text\",\"text\":{\"content\":\"Unsupported Notion block (unsupported)\","
                    + "\"link\":{\"url\":\"https://www.notion.so/u1\"}}}]}},{\"type\":\"bookmark\",\"bookmark\":"
                    + "{\"url\":\"https://x.io\"}}]}}]"));
  }

  @Test
  void htmlToNotionNeverProducesUncreatableTypes() {
    String html =
        engine.toHtml(engine.readNotion(BlockFixturesTestSupport.uncreatable())).content();
    String json = engine.writeNotionNested(engine.fromHtml(html).content()).toString();
    assertThat(json)
        .doesNotContain(
            "\"child_page\"",
            "\"child_database\"",
            "\"link_preview\"",
            "\"unsupported\"",
            "\"meeting_notes\"",
            "\"transcription\"");
  }

  @Test
  void byteReaderAndStreamingWriterAgreeWithTheTreeApi() throws Exception {
    byte[] json =
        BlockFixturesTest.read("nesting-deep.notion.json").getBytes(StandardCharsets.UTF_8);
    var blocks = engine.readNotion(json);
    assertThat(blocks).isEqualTo(engine.readNotion(MAPPER.readTree(json)));
    assertThat(MAPPER.readTree(engine.writeNotionNestedJson(blocks)))
        .isEqualTo(engine.writeNotionNested(blocks));
    assertThatThrownBy(() -> engine.readNotion("{\"a\":1}".getBytes()))
        .isInstanceOf(ConversionInputException.class)
        .extracting("field")
        .isEqualTo("content");
    assertThatThrownBy(() -> engine.readNotion("[{\"type\":".getBytes()))
        .isInstanceOf(ConversionInputException.class)
        .extracting("field")
        .isEqualTo("content");
  }

  @Test
  void constructorRejectsNonPositiveLimit() {
    assertThatThrownBy(() -> new BlockEngine(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
