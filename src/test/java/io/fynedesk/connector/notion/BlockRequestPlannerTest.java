package io.fynedesk.connector.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockRequestPlannerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final BlockRequestPlanner planner = new BlockRequestPlanner(MAPPER);

  static ObjectNode paragraph(String text, ObjectNode... children) {
    ObjectNode block = MAPPER.createObjectNode().put("object", "block").put("type", "paragraph");
    ObjectNode payload = block.putObject("paragraph");
    payload
        .putArray("rich_text")
        .addObject()
        .put("type", "text")
        .putObject("text")
        .put("content", text);
    if (children.length > 0) {
      ArrayNode array = payload.putArray("children");
      for (ObjectNode child : children) {
        array.add(child);
      }
    }
    return block;
  }

  static List<ObjectNode> paragraphs(int count, String prefix) {
    List<ObjectNode> blocks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      blocks.add(paragraph(prefix + i));
    }
    return blocks;
  }

  @Test
  void siblingsAreCutIntoBatchesOfAtMostOneHundred() {
    List<BlockRequestPlanner.Batch> batches =
        planner.batches(planner.prepare(paragraphs(250, "p")), 0);

    assertThat(batches).extracting(b -> b.children().size()).containsExactly(100, 100, 50);
    assertThat(batches.get(2).children().get(49).at("/paragraph/rich_text/0/text/content").asText())
        .isEqualTo("p249");
  }

  @Test
  void leafChildrenTravelInlineButDeeperChildrenAreDeferred() {
    ObjectNode twoLevels = paragraph("a", paragraph("a1"), paragraph("a2"));
    ObjectNode threeLevels = paragraph("b", paragraph("b1", paragraph("b1x")));

    BlockRequestPlanner.Batch batch =
        planner.batches(planner.prepare(List.of(twoLevels, threeLevels)), 0).get(0);

    assertThat(batch.children().get(0).at("/paragraph/children")).hasSize(2);
    assertThat(batch.deferred().get(0)).isEmpty();
    assertThat(batch.children().get(1).at("/paragraph/children").isMissingNode()).isTrue();
    assertThat(batch.deferred().get(1)).hasSize(1);
    assertThat(batch.deferred().get(1).get(0).children()).hasSize(1);
  }

  @Test
  void childrenBeyondOneHundredAreDeferredInOrder() {
    ObjectNode parent = paragraph("parent", paragraphs(150, "c").toArray(ObjectNode[]::new));

    BlockRequestPlanner.Batch batch = planner.batches(planner.prepare(List.of(parent)), 0).get(0);

    assertThat(batch.children().get(0).at("/paragraph/children")).hasSize(100);
    assertThat(batch.deferred().get(0)).hasSize(50);
    assertThat(
            batch
                .deferred()
                .get(0)
                .get(0)
                .block()
                .at("/paragraph/rich_text/0/text/content")
                .asText())
        .isEqualTo("c100");
  }

  @Test
  void batchesStayWithinOneThousandBlocks() {
    List<ObjectNode> parents = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      parents.add(paragraph("p" + i, paragraphs(100, "c").toArray(ObjectNode[]::new)));
    }

    List<BlockRequestPlanner.Batch> batches = planner.batches(planner.prepare(parents), 0);

    assertThat(batches)
        .allSatisfy(b -> assertThat(countBlocks(b.children())).isLessThanOrEqualTo(1000));
    assertThat(batches.stream().mapToInt(b -> b.nodes().size()).sum()).isEqualTo(20);
  }

  @Test
  void longTextIsSplitAtTwoThousandUnitsWithoutBreakingSurrogatePairs() {
    String text = "a".repeat(1999) + "😀" + "b".repeat(1998) + "😀" + "c".repeat(999);

    BlockRequestPlanner.BlockNode node = planner.prepare(List.of(paragraph(text))).get(0);

    JsonNode items = node.block().at("/paragraph/rich_text");
    assertThat(items)
        .allSatisfy(
            i -> assertThat(i.at("/text/content").asText().length()).isLessThanOrEqualTo(2000));
    StringBuilder joined = new StringBuilder();
    items.forEach(i -> joined.append(i.at("/text/content").asText()));
    assertThat(joined.toString()).isEqualTo(text);
    items.forEach(
        i ->
            assertThat(Character.isLowSurrogate(i.at("/text/content").asText().charAt(0)))
                .isFalse());
  }

  @Test
  void mergeableRichTextBeyondOneHundredItemsIsMerged() {
    ObjectNode block = paragraph("x");
    ArrayNode richText = ((ObjectNode) block.get("paragraph")).putArray("rich_text");
    for (int i = 0; i < 150; i++) {
      richText.addObject().put("type", "text").putObject("text").put("content", "w" + i + " ");
    }

    List<BlockRequestPlanner.BlockNode> nodes = planner.prepare(List.of(block));

    assertThat(nodes).hasSize(1);
    assertThat(nodes.get(0).block().at("/paragraph/rich_text")).hasSize(1);
  }

  @Test
  void unmergeableRichTextBeyondOneHundredItemsSpillsIntoContinuationBlocks() {
    ObjectNode block = paragraph("x", paragraph("child"));
    ArrayNode richText = ((ObjectNode) block.get("paragraph")).putArray("rich_text");
    for (int i = 0; i < 150; i++) {
      ObjectNode item = richText.addObject().put("type", "text");
      item.putObject("text").put("content", "w" + i);
      item.putObject("annotations").put("bold", i % 2 == 0);
    }

    List<BlockRequestPlanner.BlockNode> nodes = planner.prepare(List.of(block));

    assertThat(nodes)
        .extracting(n -> n.block().at("/paragraph/rich_text").size())
        .containsExactly(100, 50);
    assertThat(nodes.get(0).children()).isEmpty();
    assertThat(nodes.get(1).children()).hasSize(1);
  }

  @Test
  void batchesStayBelowFiveHundredKilobytes() throws Exception {
    List<ObjectNode> blocks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ObjectNode block = paragraph("");
      ArrayNode richText = ((ObjectNode) block.get("paragraph")).putArray("rich_text");
      for (int j = 0; j < 30; j++) {
        ObjectNode item = richText.addObject().put("type", "text");
        item.putObject("text").put("content", "é".repeat(1500));
        item.putObject("annotations").put("italic", j % 2 == 0);
      }
      blocks.add(block);
    }

    List<BlockRequestPlanner.Batch> batches = planner.batches(planner.prepare(blocks), 0);

    assertThat(batches).hasSizeGreaterThan(1);
    for (BlockRequestPlanner.Batch batch : batches) {
      assertThat(
              MAPPER.writeValueAsBytes(MAPPER.createObjectNode().set("children", batch.children()))
                  .length)
          .isLessThanOrEqualTo(NotionLimits.MAX_PAYLOAD_BYTES);
    }
  }

  @Test
  void prepareDoesNotModifyTheCallersBlocks() {
    ObjectNode block = paragraph("x".repeat(3000), paragraph("child"));
    ObjectNode before = block.deepCopy();

    planner.batches(planner.prepare(List.of(block)), 0);

    assertThat(block).isEqualTo(before);
  }

  @Test
  void longTitlePropertyIsSplitIntoSeveralItems() {
    ObjectNode properties = MAPPER.createObjectNode();
    properties
        .putObject("Name")
        .putArray("title")
        .addObject()
        .putObject("text")
        .put("content", "t".repeat(4500));

    planner.fitProperties(properties);

    assertThat(properties.at("/Name/title")).hasSize(3);
  }

  private static int countBlocks(ArrayNode children) {
    int count = 0;
    for (JsonNode child : children) {
      count += 1 + child.path(child.path("type").asText()).path("children").size();
    }
    return count;
  }
}
