package io.fynedesk.connector.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Cuts a tree of blocks (Notion request shape, children under {@code <type>.children}) into
 * requests that each satisfy Notion's limits: at most 100 children per array, 2 nesting levels,
 * 1000 blocks and 500 KB per payload, fitted rich text.
 *
 * <p>A block's children travel inline only when none of them has children of its own (so a request
 * never holds more than 2 levels); otherwise the block is sent alone and its children are appended
 * to it once its id is known. Children beyond the first 100 are appended afterwards, in order. A
 * {@code rich_text} array that still has more than 100 items after merging (or more than {@link
 * #MAX_TEXT_UNITS_PER_BLOCK} units) spills into continuation blocks of the same type that follow
 * it; the original children go under the last continuation. Other rich-text arrays ({@code
 * caption}, table cells) are truncated to 100 items.
 *
 * @see <a href="https://developers.notion.com/reference/patch-block-children">Append block
 *     children</a>
 */
public final class BlockRequestPlanner {

  /**
   * Text units per block above which {@code rich_text} spills, so one block stays far below 500 KB.
   */
  static final int MAX_TEXT_UNITS_PER_BLOCK = 50_000;

  private static final int PAYLOAD_MARGIN = 2_048;

  private final ObjectMapper mapper;

  public BlockRequestPlanner(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** One block of the tree: its request JSON without children, and its children. */
  public record BlockNode(ObjectNode block, String type, List<BlockNode> children) {

    boolean isLeaf() {
      return children.isEmpty();
    }
  }

  /**
   * One request's worth of sibling blocks.
   *
   * @param nodes the top-level blocks sent, in order.
   * @param children the request's {@code children} array (blocks with their inline children).
   * @param deferred per top-level block, the children still to append to it once it exists.
   */
  public record Batch(List<BlockNode> nodes, ArrayNode children, List<List<BlockNode>> deferred) {}

  /** Copies request blocks into a tree, fitting rich text; input nodes are not modified. */
  public List<BlockNode> prepare(List<? extends JsonNode> blocks) {
    List<BlockNode> nodes = new ArrayList<>();
    for (JsonNode block : blocks) {
      nodes.addAll(prepareOne(block.deepCopy()));
    }
    return nodes;
  }

  /** Splits siblings into batches; {@code reservedBytes} is what the rest of the request uses. */
  public List<Batch> batches(List<BlockNode> nodes, int reservedBytes) {
    int budget = NotionLimits.MAX_PAYLOAD_BYTES - reservedBytes - PAYLOAD_MARGIN;
    List<Batch> batches = new ArrayList<>();
    BatchBuilder current = new BatchBuilder();
    for (BlockNode node : nodes) {
      Piece piece = piece(node, budget);
      if (!current.fits(piece, budget)) {
        batches.add(current.build(mapper));
        current = new BatchBuilder();
      }
      current.add(node, piece);
    }
    if (!current.nodes.isEmpty()) {
      batches.add(current.build(mapper));
    }
    return batches;
  }

  /**
   * Fits {@code title} and {@code rich_text} property values of a page create or update in place.
   */
  public void fitProperties(ObjectNode properties) {
    if (properties == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode value = property.getValue();
      for (String key : List.of("title", "rich_text")) {
        if (value.isObject() && value.get(key) != null && value.get(key).isArray()) {
          ((ObjectNode) value).set(key, RichTextFitter.fitAndTruncate(value.get(key)));
        }
      }
    }
  }

  private List<BlockNode> prepareOne(JsonNode raw) {
    ObjectNode block = (ObjectNode) raw;
    String type = block.path("type").asText(null);
    if (type == null) {
      type = guessType(block);
      block.put("type", type);
    }
    ObjectNode payload = block.get(type) instanceof ObjectNode o ? o : block.putObject(type);
    List<BlockNode> children = new ArrayList<>();
    JsonNode rawChildren = payload.remove("children");
    if (rawChildren != null) {
      rawChildren.forEach(child -> children.addAll(prepareOne(child)));
    }
    block.remove("children");
    fitSecondaryArrays(payload);
    if (!(payload.get("rich_text") instanceof ArrayNode)) {
      return List.of(new BlockNode(block, type, children));
    }
    return spill(block, type, RichTextFitter.fit(payload.get("rich_text")), children);
  }

  private List<BlockNode> spill(
      ObjectNode block, String type, List<JsonNode> items, List<BlockNode> children) {
    List<List<JsonNode>> parts = new ArrayList<>();
    List<JsonNode> part = new ArrayList<>();
    int units = 0;
    for (JsonNode item : items) {
      int length = RichTextFitter.textLength(item);
      if (!part.isEmpty()
          && (part.size() == NotionLimits.MAX_RICH_TEXT_ITEMS
              || units + length > MAX_TEXT_UNITS_PER_BLOCK)) {
        parts.add(part);
        part = new ArrayList<>();
        units = 0;
      }
      part.add(item);
      units += length;
    }
    parts.add(part);
    List<BlockNode> nodes = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode copy = i == parts.size() - 1 ? block : block.deepCopy();
      ArrayNode array = ((ObjectNode) copy.get(type)).putArray("rich_text");
      parts.get(i).forEach(array::add);
      nodes.add(new BlockNode(copy, type, i == parts.size() - 1 ? children : List.of()));
    }
    return nodes;
  }

  private static void fitSecondaryArrays(ObjectNode payload) {
    if (payload.get("caption") instanceof ArrayNode caption) {
      payload.set("caption", RichTextFitter.fitAndTruncate(caption));
    }
    if (payload.get("cells") instanceof ArrayNode cells) {
      for (int i = 0; i < cells.size(); i++) {
        cells.set(i, RichTextFitter.fitAndTruncate(cells.get(i)));
      }
    }
  }

  private static String guessType(ObjectNode block) {
    Iterator<String> names = block.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!"object".equals(name) && block.get(name).isObject()) {
        return name;
      }
    }
    throw new IllegalArgumentException("block without type: " + block);
  }

  /** A block as it would be sent: JSON with inline children, its size, and the children left. */
  private record Piece(ObjectNode json, int blocks, int bytes, List<BlockNode> deferred) {}

  private Piece piece(BlockNode node, int budget) {
    boolean inline = !node.isLeaf() && node.children().stream().allMatch(BlockNode::isLeaf);
    int inlineCount =
        inline ? Math.min(NotionLimits.MAX_CHILDREN_PER_REQUEST, node.children().size()) : 0;
    inlineCount = Math.min(inlineCount, NotionLimits.MAX_BLOCKS_PER_REQUEST - 1);
    while (true) {
      ObjectNode json = node.block().deepCopy();
      if (inlineCount > 0) {
        ArrayNode array = ((ObjectNode) json.get(node.type())).putArray("children");
        node.children().subList(0, inlineCount).forEach(c -> array.add(c.block().deepCopy()));
      }
      int bytes = size(json);
      if (bytes <= budget || inlineCount == 0) {
        return new Piece(
            json,
            1 + inlineCount,
            bytes,
            node.children().subList(inlineCount, node.children().size()));
      }
      inlineCount = inlineCount / 2;
    }
  }

  private int size(JsonNode json) {
    try {
      return mapper.writeValueAsBytes(json).length + 1;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("block cannot be serialized", e);
    }
  }

  private static final class BatchBuilder {
    final List<BlockNode> nodes = new ArrayList<>();
    final List<Piece> pieces = new ArrayList<>();
    int blocks;
    int bytes;

    boolean fits(Piece piece, int budget) {
      return nodes.isEmpty()
          || (nodes.size() < NotionLimits.MAX_CHILDREN_PER_REQUEST
              && blocks + piece.blocks() <= NotionLimits.MAX_BLOCKS_PER_REQUEST
              && bytes + piece.bytes() <= budget);
    }

    void add(BlockNode node, Piece piece) {
      nodes.add(node);
      pieces.add(piece);
      blocks += piece.blocks();
      bytes += piece.bytes();
    }

    Batch build(ObjectMapper mapper) {
      ArrayNode children = mapper.createArrayNode();
      List<List<BlockNode>> deferred = new ArrayList<>();
      for (Piece piece : pieces) {
        children.add(piece.json());
        deferred.add(piece.deferred());
      }
      return new Batch(List.copyOf(nodes), children, deferred);
    }
  }
}
