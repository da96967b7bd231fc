package io.fynedesk.connector.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The block diff against a fake page: the writes it makes, and the page they leave behind. */
class BlockDiffTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A page as ordered child lists per parent, recording every call. */
  static final class FakePage implements BlockDiff.Ops {
    final Map<String, List<String>> children = new LinkedHashMap<>();
    final Map<String, ObjectNode> blocks = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    int next;

    FakePage() {
      children.put("page", new ArrayList<>(List.of("callout")));
    }

    @Override
    public void update(String id, ObjectNode block) {
      calls.add("update " + id);
      blocks.put(id, block);
    }

    @Override
    public void delete(String id) {
      calls.add("delete " + id);
      children.values().forEach(l -> l.remove(id));
    }

    @Override
    public List<String> insert(String parentId, String afterId, List<ObjectNode> blocks) {
      calls.add("insert " + blocks.size() + (afterId == null ? " at end" : ""));
      List<String> list = children.computeIfAbsent(parentId, p -> new ArrayList<>());
      int at = afterId == null ? list.size() : list.indexOf(afterId) + 1;
      List<String> ids = new ArrayList<>();
      for (ObjectNode b : blocks) {
        String id = "b" + next++;
        ids.add(id);
        list.add(at++, id);
        this.blocks.put(id, b);
        List<ObjectNode> kids = BlockMap.children(b);
        if (!kids.isEmpty()) {
          insertQuiet(id, kids);
        }
      }
      return ids;
    }

    private void insertQuiet(String parent, List<ObjectNode> kids) {
      for (ObjectNode k : kids) {
        String id = "b" + next++;
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(id);
        blocks.put(id, k);
      }
    }

    @Override
    public List<String> children(String parentId) {
      calls.add("list " + parentId);
      return List.copyOf(children.getOrDefault(parentId, List.of()));
    }

    List<String> texts(String parent) {
      List<String> out = new ArrayList<>();
      for (String id : children.getOrDefault(parent, List.of())) {
        if (id.equals("callout")) {
          continue;
        }
        ObjectNode b = blocks.get(id);
        String type = b.path("type").asText();
        out.add(b.path(type).path("rich_text").path(0).path("text").path("content").asText());
        List<String> nested = texts(id);
        if (!nested.isEmpty()) {
          out.add(nested.toString());
        }
      }
      return out;
    }
  }

  static ObjectNode block(String type, String text, ObjectNode... children) {
    ObjectNode b = MAPPER.createObjectNode().put("type", type);
    ObjectNode p = b.putObject(type);
    p.putArray("rich_text").addObject().putObject("text").put("content", text);
    if (children.length > 0) {
      ArrayNode c = p.putArray("children");
      for (ObjectNode k : children) {
        c.add(k);
      }
    }
    return b;
  }

  static List<ObjectNode> paragraphs(int n) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(block("paragraph", "Paragraph " + i));
    }
    return out;
  }

  FakePage page = new FakePage();
  BlockDiff diff = new BlockDiff(page);

  List<BlockMap.Entry> publish(List<ObjectNode> blocks) {
    List<BlockMap.Entry> map = diff.apply("page", "callout", List.of(), blocks);
    page.calls.clear();
    return map;
  }

  @Test
  void unchangedBodyWritesNothing() {
    List<BlockMap.Entry> map = publish(paragraphs(500));
    diff.apply("page", "callout", map, paragraphs(500));
    assertThat(page.calls).isEmpty();
  }

  @Test
  void oneChangedParagraphOfFiveHundredIsOneUpdate() {
    List<BlockMap.Entry> map = publish(paragraphs(500));
    List<ObjectNode> edited = paragraphs(500);
    edited.set(250, block("paragraph", "Changed"));
    List<BlockMap.Entry> after = diff.apply("page", "callout", map, edited);
    assertThat(page.calls).hasSize(1).allMatch(c -> c.startsWith("update "));
    assertThat(page.texts("page").get(250)).isEqualTo("Changed");
    assertThat(after).hasSize(500);
  }

  @Test
  void insertedAndRemovedRunsCostOneRequestEach() {
    List<BlockMap.Entry> map = publish(paragraphs(10));
    List<ObjectNode> edited = paragraphs(10);
    edited.remove(7);
    edited.add(0, block("heading_2", "New title"));
    edited.add(1, block("paragraph", "Intro"));
    diff.apply("page", "callout", map, edited);
    assertThat(page.calls).containsExactly("insert 2", "delete " + map.get(7).id());
    assertThat(page.texts("page"))
        .containsExactly(
            "New title",
            "Intro",
            "Paragraph 0",
            "Paragraph 1",
            "Paragraph 2",
            "Paragraph 3",
            "Paragraph 4",
            "Paragraph 5",
            "Paragraph 6",
            "Paragraph 8",
            "Paragraph 9");
  }

  @Test
  void changedTypeIsReplacedInPlace() {
    List<BlockMap.Entry> map = publish(paragraphs(3));
    List<ObjectNode> edited = paragraphs(3);
    edited.set(1, block("quote", "Paragraph 1"));
    diff.apply("page", "callout", map, edited);
    assertThat(page.calls).containsExactly("delete " + map.get(1).id(), "insert 1");
    assertThat(page.texts("page")).containsExactly("Paragraph 0", "Paragraph 1", "Paragraph 2");
  }

  @Test
  void nestedChangeReadsTheUnknownChildIdsOnceThenUpdates() {
    ObjectNode list =
        block("bulleted_list_item", "Item", block("paragraph", "a"), block("paragraph", "b"));
    List<BlockMap.Entry> map = publish(List.of(block("paragraph", "Top"), list));
    ObjectNode changed =
        block("bulleted_list_item", "Item", block("paragraph", "a"), block("paragraph", "B!"));
    List<BlockMap.Entry> after =
        diff.apply("page", "callout", map, List.of(block("paragraph", "Top"), changed));
    assertThat(page.calls).hasSize(2);
    assertThat(page.calls.get(0)).startsWith("list ");
    assertThat(page.calls.get(1)).startsWith("update ");
    assertThat(page.texts("page")).containsExactly("Top", "Item", "[a, B!]");
    // the ids are known now: the next nested edit needs no read
    page.calls.clear();
    diff.apply(
        "page",
        "callout",
        after,
        List.of(
            block("paragraph", "Top"),
            block(
                "bulleted_list_item", "Item", block("paragraph", "A!"), block("paragraph", "B!"))));
    assertThat(page.calls).hasSize(1).allMatch(c -> c.startsWith("update "));
  }

  @Test
  void nestedInsertBeforeTheFirstChildRewritesThatLevel() {
    ObjectNode list = block("toggle", "T", block("paragraph", "a"));
    List<BlockMap.Entry> map = publish(List.of(list));
    List<BlockMap.Entry> resolved =
        diff.apply("page", "callout", map, List.of(block("toggle", "T", block("paragraph", "a"))));
    ObjectNode changed = block("toggle", "T", block("quote", "first"), block("paragraph", "a"));
    diff.apply("page", "callout", resolved, List.of(changed));
    assertThat(page.texts("page")).containsExactly("T", "[first, a]");
  }

  @Test
  void aMapThatNoLongerMatchesThePageIsStale() {
    ObjectNode list = block("toggle", "T", block("paragraph", "a"), block("paragraph", "b"));
    List<BlockMap.Entry> map = publish(List.of(list));
    String toggle = map.get(0).id();
    page.children.get(toggle).remove(0); // someone deleted a child in Notion
    assertThatThrownBy(
            () ->
                diff.apply(
                    "page",
                    "callout",
                    map,
                    List.of(
                        block("toggle", "T", block("paragraph", "a"), block("paragraph", "c")))))
        .isInstanceOf(BlockDiff.StaleMapException.class);
  }

  @Test
  void mapSurvivesItsJsonForm() {
    List<BlockMap.Entry> map =
        publish(List.of(block("toggle", "T", block("paragraph", "a")), block("paragraph", "p")));
    assertThat(BlockMap.read(MAPPER, BlockMap.write(MAPPER, map))).isEqualTo(map);
  }
}
