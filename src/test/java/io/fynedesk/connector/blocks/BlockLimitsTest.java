package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockLimitsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  /**
   * 5000 UTF-16 units with an emoji (surrogate pair) straddling both the 2000 and 4000 boundaries.
   */
  static String straddlingText() {
    String s = "a".repeat(1999) + "😀" + "b".repeat(1998) + "😀" + "c".repeat(999);
    assertThat(s).hasSize(5000);
    assertThat(Character.isHighSurrogate(s.charAt(1999))).isTrue();
    assertThat(Character.isHighSurrogate(s.charAt(3999))).isTrue();
    return s;
  }

  @Test
  void longParagraphWithEmojiSplitsWithoutBreakingSurrogatePairs() {
    String s = straddlingText();
    ConversionResult<List<Block>> result = engine.fromHtml("<p>" + s + "</p>");

    Block.TextBlock p = (Block.TextBlock) result.content().get(0);
    assertThat(p.text()).extracting(rt -> rt.text().length()).containsExactly(1999, 2000, 1001);
    StringBuilder joined = new StringBuilder();
    for (RichText rt : p.text()) {
      assertThat(rt.text().length()).isLessThanOrEqualTo(2000);
      assertThat(Character.isLowSurrogate(rt.text().charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(rt.text().charAt(rt.text().length() - 1))).isFalse();
      joined.append(rt.text());
    }
    assertThat(joined.toString()).isEqualTo(s);
    assertThat(result.warnings()).extracting(ConversionWarning::type).contains("text_split");
  }

  @Test
  void longNotionTextItemIsSplitWhenConvertedToNotion() throws Exception {
    JsonNode in =
        MAPPER.readTree(
            "[{\"id\":\"b1\",\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":"
                + "[{\"type\":\"text\",\"text\":{\"content\":"
                + MAPPER.writeValueAsString(straddlingText())
                + "}}]}}]");
    ConversionResult<JsonNode> out = engine.convert("notion", "notion", in);

    JsonNode items = out.content().get(0).get("paragraph").get("rich_text");
    assertThat(items).hasSize(3);
    assertThat(items.get(1).get("text").get("content").asText()).startsWith("😀").hasSize(2000);
    assertThat(out.warnings())
        .contains(
            new ConversionWarning(
                "text_split", "Text longer than 2000 characters split into several items", "b1"));
  }

  @Test
  void moreThanHundredRichTextItemsSpillIntoContinuationBlocks() {
    StringBuilder html = new StringBuilder("<ul><li>");
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      String word = "w" + i + " ";
      html.append(i % 2 == 0 ? "<b>" + word + "</b>" : word);
      expected.append(word);
    }
    html.append("<ul><li>child</li></ul></li></ul>");

    List<Block> blocks = engine.fromHtml(html.toString()).content();

    assertThat(blocks).hasSize(3).allMatch(b -> b.type().equals("bulleted_list_item"));
    StringBuilder joined = new StringBuilder();
    for (Block b : blocks) {
      List<RichText> text = ((Block.TextBlock) b).text();
      assertThat(text.size()).isLessThanOrEqualTo(100);
      text.forEach(rt -> joined.append(rt.text()));
    }
    assertThat(joined.toString()).isEqualTo(expected.toString());
    assertThat(blocks.get(0).children()).isEmpty();
    assertThat(blocks.get(2).children()).hasSize(1);
  }

  @Test
  void tableCellWithMoreThanHundredItemsIsFlattenedKeepingItsText() {
    StringBuilder cell = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      cell.append(i % 2 == 0 ? "<i>x" + i + "</i>" : "y" + i);
      expected.append(i % 2 == 0 ? "x" + i : "y" + i);
    }
    ConversionResult<List<Block>> result =
        engine.fromHtml("<table><tr><td>" + cell + "</td><td>b</td></tr></table>");

    List<RichText> items = ((Block.Table) result.content().get(0)).rows().get(0).cells().get(0);
    assertThat(items.size()).isLessThanOrEqualTo(100);
    assertThat(HtmlRenderer.plain(items)).isEqualTo(expected.toString());
    assertThat(result.warnings()).extracting(ConversionWarning::type).contains("flattened");
  }

  @Test
  void longEquationBecomesCodeAndLongLinkIsDroppedKeepingText() {
    String expression = "x+".repeat(600);
    String url = "https://example.com/" + "p".repeat(2000);
    ConversionResult<List<Block>> result =
        engine.fromHtml(
            "<div class=\"notion-equation\">"
                + expression
                + "</div><p><a href=\""
                + url
                + "\">kept</a></p>");

    assertThat(result.content().get(0))
        .isEqualTo(new Block.Code(null, List.of(RichText.text(expression)), "latex", List.of()));
    assertThat(result.content().get(1))
        .isEqualTo(
            new Block.TextBlock(
                null, "paragraph", List.of(RichText.text("kept")), "default", List.of()));
    assertThat(result.warnings())
        .extracting(ConversionWarning::type)
        .contains("flattened", "link_dropped");
  }

  @Test
  void relativeLinksAreDroppedWithAWarning() {
    ConversionResult<List<Block>> result = engine.fromMarkdown("see [docs](/kb/1)");
    assertThat(result.content())
        .containsExactly(
            new Block.TextBlock(
                null, "paragraph", List.of(RichText.text("see docs")), "default", List.of()));
    assertThat(result.warnings())
        .extracting(ConversionWarning::type)
        .containsExactly("link_dropped");
  }

  @Test
  void truncationAtMaxBlocksCountsNestedBlocksAndLeavesAVisibleNotice() {
    BlockEngine small = new BlockEngine(10);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      List<Block> kids =
          List.of(para("c" + i + "a", "id-" + i + "a"), para("c" + i + "b", "id-" + i + "b"));
      blocks.add(
          new Block.TextBlock(
              "id-" + i, "toggle", List.of(RichText.text("t" + i)), "default", kids));
    }

    ConversionResult<String> html = small.toHtml(blocks);

    assertThat(html.truncated()).isTrue();
    // t0 c0a c0b t1 c1a c1b t2 c2a c2b t3 = 10 blocks; the children of t3 are cut.
    assertThat(html.content())
        .contains("c2b", "t3")
        .doesNotContain("c3a")
        .endsWith("<p><em>Content truncated: only the first 10 blocks were converted.</em></p>\n");
    assertThat(html.warnings())
        .filteredOn(w -> w.type().equals("truncated"))
        .singleElement()
        .extracting(ConversionWarning::blockId)
        .isEqualTo("id-3a");
    ConversionResult<String> md = small.toMarkdown(blocks);
    assertThat(md.truncated()).isTrue();
    assertThat(md.content())
        .endsWith("*Content truncated: only the first 10 blocks were converted.*");
  }

  @Test
  void truncationAppliesToHtmlInputAndStaysFalseUnderTheLimit() {
    BlockEngine small = new BlockEngine(3);
    ConversionResult<List<Block>> cut = small.fromHtml("<p>1</p><p>2</p><p>3</p><p>4</p>");
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.content()).hasSize(4);
    assertThat(HtmlRenderer.plain(((Block.TextBlock) cut.content().get(3)).text()))
        .startsWith("Content truncated");

    ConversionResult<List<Block>> whole = small.fromHtml("<p>1</p><p>2</p><p>3</p>");
    assertThat(whole.truncated()).isFalse();
    assertThat(whole.warnings()).isEmpty();
  }

  private static Block para(String text, String id) {
    return new Block.TextBlock(id, "paragraph", List.of(RichText.text(text)), "default", List.of());
  }
}
