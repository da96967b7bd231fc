package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested input (hostile or not) converts to every target without a stack overflow or a
 * Jackson nesting error: the tree is capped at {@link BlockEngine#MAX_DEPTH} levels, the innermost
 * text is kept, and a {@code flattened} warning says the content was nested too deep.
 */
class BlockNestingTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> TARGETS = List.of("notion", "html", "markdown");
  private static final String INNERMOST = "innermost text";

  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  @Test
  void fiveThousandNestedListItemsConvertToEveryTarget() {
    assertConvertsEverywhere("html", TextNode.valueOf("<ul><li>".repeat(5_000) + INNERMOST));
  }

  @Test
  void deeplyNestedArticleHtmlBecomesANotionRequestAsKbPublishingWritesIt() {
    ConversionResult<List<Block>> read = engine.fromHtml("<ul><li>".repeat(500) + INNERMOST);

    JsonNode request = assertWithinJacksonLimits(engine.writeNotionRequest(read.content()));
    assertThat(notionDepth(request)).isEqualTo(BlockEngine.MAX_DEPTH);
    assertThat(request.toString()).contains(INNERMOST);
    assertThat(nestingWarnings(read.warnings())).isNotEmpty();
  }

  @Test
  void fiveThousandNestedListItemsWithTextKeepEveryItemsText() {
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      html.append("<ul><li>item").append(i);
    }
    List<Block> blocks = engine.fromHtml(html + " " + INNERMOST).content();

    assertThat(depth(blocks)).isEqualTo(BlockEngine.MAX_DEPTH);
    String text = allText(blocks);
    assertThat(text).contains("item0 ", "item63 ", "item64 ", "item4999 " + INNERMOST);
  }

  @Test
  void twentyThousandNestedDivsConvertToEveryTarget() {
    assertConvertsEverywhere("html", TextNode.valueOf("<div>".repeat(20_000) + INNERMOST));
  }

  @Test
  void twentyThousandNestedInlineElementsConvertToEveryTarget() {
    assertConvertsEverywhere(
        "html", TextNode.valueOf("<p>" + "<b><span>".repeat(10_000) + INNERMOST));
  }

  @Test
  void fiveThousandNestedBlockquotesConvertToEveryTarget() {
    assertConvertsEverywhere(
        "html", TextNode.valueOf("<blockquote>q".repeat(5_000) + " " + INNERMOST));
  }

  @Test
  void deepMarkdownBlockquotesConvertToEveryTarget() {
    assertConvertsEverywhere("markdown", TextNode.valueOf(">".repeat(2_000) + " " + INNERMOST));
  }

  @Test
  void deepMarkdownListsConvertToEveryTarget() {
    StringBuilder md = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      md.append("  ".repeat(i)).append("- item").append(i).append('\n');
    }
    md.append("  ".repeat(1_000)).append("- ").append(INNERMOST).append('\n');
    assertConvertsEverywhere("markdown", TextNode.valueOf(md.toString()));
  }

  @Test
  void deepRawHtmlInMarkdownConvertsToEveryTarget() {
    assertConvertsEverywhere("markdown", TextNode.valueOf("<div>".repeat(20_000) + INNERMOST));
  }

  @Test
  void deepNotionChildrenConvertToEveryTarget() {
    assertConvertsEverywhere("notion", nestedNotion(5_000, true));
  }

  @Test
  void deepNotionChildrenUnderThePayloadConvertToEveryTarget() {
    assertConvertsEverywhere("notion", nestedNotion(5_000, false));
  }

  @Test
  void deepNotionJsonBytesAreReadCappedByTheStreamingAndTheFusedPath() throws Exception {
    // 450 levels: as deep as Jackson's default read limit (1000) lets the bytes be parsed.
    byte[] json = MAPPER.writeValueAsBytes(nestedNotion(450, true));

    List<Block> blocks = engine.readNotion(json);
    assertThat(depth(blocks)).isEqualTo(BlockEngine.MAX_DEPTH);
    assertThat(allText(blocks)).contains("level0 ", "level449 " + INNERMOST);
    assertThat(engine.toHtml(blocks).content()).contains(INNERMOST);
    assertThat(engine.notionJsonToMarkdown(json).content())
        .contains(INNERMOST)
        .isEqualTo(engine.toMarkdown(blocks).content());
  }

  @Test
  void blocksBelowTheCapFollowTheDeepestAllowedOneInDocumentOrder() {
    StringBuilder html = new StringBuilder();
    for (int i = 1; i <= 70; i++) {
      html.append("<blockquote>q").append(i);
    }
    ConversionResult<List<Block>> result = engine.fromHtml(html.toString());

    Block level = result.content().get(0);
    for (int i = 1; i < BlockEngine.MAX_DEPTH - 1; i++) {
      assertThat(level.children()).hasSize(1);
      level = level.children().get(0);
    }
    assertThat(level.children())
        .extracting(b -> allText(List.of(b)).strip())
        .containsExactly("q64", "q65", "q66", "q67", "q68", "q69", "q70");
    assertThat(level.children()).allMatch(b -> b.children().isEmpty());
    assertThat(nestingWarnings(result.warnings())).hasSize(1);
  }

  @Test
  void contentAtTheCapIsLeftAsItIs() {
    String html = "<blockquote>q".repeat(BlockEngine.MAX_DEPTH);
    ConversionResult<List<Block>> result = engine.fromHtml(html);

    assertThat(depth(result.content())).isEqualTo(BlockEngine.MAX_DEPTH);
    assertThat(nestingWarnings(result.warnings())).isEmpty();
  }

  @Test
  void everyWriterCapsADeepTreeItIsGiven() throws Exception {
    List<Block> deep = List.of(nestedBlocks(5_000));

    ConversionResult<String> html = engine.toHtml(deep);
    assertThat(html.content()).contains(INNERMOST);
    assertThat(nestingWarnings(html.warnings())).isNotEmpty();
    ConversionResult<String> md = engine.toMarkdown(deep);
    assertThat(md.content()).contains(INNERMOST);
    assertThat(nestingWarnings(md.warnings())).isNotEmpty();

    assertWithinJacksonLimits(engine.writeNotionRequest(deep));
    assertWithinJacksonLimits(engine.writeNotionNested(deep));
    JsonNode bytes = MAPPER.readTree(engine.writeNotionNestedJson(deep));
    assertThat(notionDepth(bytes)).isEqualTo(BlockEngine.MAX_DEPTH);
    assertThat(bytes.toString()).contains(INNERMOST);
  }

  @Test
  void aBadBlockBelowTheCapIsReportedAtItsFullPath() {
    ArrayNode root = JsonNodeFactory.instance.arrayNode();
    ArrayNode children = root;
    StringBuilder path = new StringBuilder("content[0]");
    for (int i = 0; i < 100; i++) {
      ObjectNode b = children.addObject().put("type", "paragraph");
      b.putObject("paragraph");
      children = b.putArray("children");
      if (i > 0) {
        path.append(".children[0]");
      }
    }
    children.addObject().put("type", "paragraph").putObject("paragraph");
    children.addObject().put("type", 5);
    String expected = path + ".children[1].type";

    assertThatThrownBy(() -> engine.convert("notion", "html", root))
        .isInstanceOfSatisfying(
            ConversionInputException.class, e -> assertThat(e.field()).isEqualTo(expected));
  }

  /** Converts {@code content} to every target and checks the result (see the class comment). */
  private void assertConvertsEverywhere(String from, JsonNode content) {
    for (String to : TARGETS) {
      ConversionResult<JsonNode> result = engine.convert(from, to, content);

      assertThat(nestingWarnings(result.warnings())).as("%s to %s", from, to).isNotEmpty();
      if (to.equals("notion")) {
        JsonNode blocks = assertWithinJacksonLimits(result.content());
        assertThat(notionDepth(blocks))
            .as("%s to notion", from)
            .isLessThanOrEqualTo(BlockEngine.MAX_DEPTH);
        assertThat(blocks.toString()).as("%s to notion", from).contains(INNERMOST);
      } else {
        assertThat(result.content().asText()).as("%s to %s", from, to).contains(INNERMOST);
      }
    }
  }

  /** The JSON as the HTTP layer writes and reads it, with Jackson's default nesting limit. */
  private static JsonNode assertWithinJacksonLimits(JsonNode json) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(json));
    } catch (Exception e) {
      throw new AssertionError("Jackson cannot write or read the output back", e);
    }
  }

  private static List<ConversionWarning> nestingWarnings(List<ConversionWarning> warnings) {
    return warnings.stream()
        .filter(w -> w.type().equals("flattened") && w.message().contains("nested more than"))
        .toList();
  }

  /** {@code levels} paragraphs, each the only child of the one before; the last has the text. */
  private static ArrayNode nestedNotion(int levels, boolean blockLevelChildren) {
    ArrayNode root = JsonNodeFactory.instance.arrayNode();
    ArrayNode children = root;
    for (int i = 0; i < levels; i++) {
      String type = i % 2 == 0 ? "bulleted_list_item" : "toggle";
      ObjectNode block = children.addObject().put("type", type);
      ObjectNode payload = block.putObject(type);
      String text = "level" + i + (i == levels - 1 ? " " + INNERMOST : " ");
      payload
          .putArray("rich_text")
          .addObject()
          .put("type", "text")
          .putObject("text")
          .put("content", text);
      children = blockLevelChildren ? block.putArray("children") : payload.putArray("children");
    }
    return root;
  }

  /** A quote {@code levels} deep built directly, without a reader, for the writers. */
  private static Block nestedBlocks(int levels) {
    Block b =
        new Block.TextBlock(null, "quote", List.of(RichText.text(INNERMOST)), "default", List.of());
    for (int i = 1; i < levels; i++) {
      b =
          new Block.TextBlock(
              null, "quote", List.of(RichText.text("q" + i)), "default", List.of(b));
    }
    return b;
  }

  /** Depth of a block tree (top level is 1), walked without recursion. */
  private static int depth(List<Block> blocks) {
    int max = 0;
    Deque<List<Block>> levels = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    levels.push(blocks);
    depths.push(1);
    while (!levels.isEmpty()) {
      List<Block> level = levels.pop();
      int d = depths.pop();
      for (Block b : level) {
        max = Math.max(max, d);
        if (!b.children().isEmpty()) {
          levels.push(b.children());
          depths.push(d + 1);
        }
      }
    }
    return max;
  }

  /** Depth of Notion JSON blocks nested under block-level or payload {@code children}. */
  private static int notionDepth(JsonNode array) {
    int max = 0;
    Deque<JsonNode> levels = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    levels.push(array);
    depths.push(1);
    while (!levels.isEmpty()) {
      JsonNode level = levels.pop();
      int d = depths.pop();
      for (JsonNode b : level) {
        max = Math.max(max, d);
        JsonNode children =
            b.has("children") ? b.get("children") : b.path(b.path("type").asText()).get("children");
        if (children != null && children.isArray() && !"table".equals(b.path("type").asText())) {
          levels.push(children);
          depths.push(d + 1);
        }
      }
    }
    return max;
  }

  /** All text of the tree in document order, a space after each block. */
  private static String allText(List<Block> blocks) {
    StringBuilder sb = new StringBuilder();
    Deque<Block> stack = new ArrayDeque<>();
    List<Block> reversed = new ArrayList<>(blocks);
    for (int i = reversed.size() - 1; i >= 0; i--) {
      stack.push(reversed.get(i));
    }
    while (!stack.isEmpty()) {
      Block b = stack.pop();
      if (b instanceof Block.TextBlock t) {
        sb.append(HtmlRenderer.plain(t.text())).append(' ');
      }
      List<Block> children = b.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(children.get(i));
      }
    }
    return sb.toString();
  }
}
