package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the connector last wrote to a mirror page: per block its Notion id (null until read: nested
 * children appended inline come back without ids), its type, a hash of the block without its
 * children ({@code own}) and of the whole subtree ({@code tree}), and its children, in order.
 */
final class BlockMap {

  private BlockMap() {}

  /** One written block. */
  record Entry(String id, String type, String own, String tree, List<Entry> children) {
    Entry {
      children = List.copyOf(children);
    }

    Entry withId(String newId) {
      return new Entry(newId, type, own, tree, children);
    }

    Entry withChildren(List<Entry> newChildren) {
      return new Entry(id, type, own, tree, newChildren);
    }
  }

  /** Entries (without ids) of request-shaped blocks, children under {@code <type>.children}. */
  static List<Entry> of(List<ObjectNode> blocks) {
    List<Entry> out = new ArrayList<>(blocks.size());
    for (ObjectNode b : blocks) {
      out.add(entry(b));
    }
    return out;
  }

  static Entry entry(ObjectNode block) {
    String type = block.path("type").asText();
    List<Entry> children = of(children(block));
    String own = hash(withoutChildren(block).toString());
    StringBuilder tree = new StringBuilder(own);
    for (Entry c : children) {
      tree.append(':').append(c.tree());
    }
    return new Entry(null, type, own, hash(tree.toString()), children);
  }

  /** The request-shaped children of a block (empty when it has none). */
  static List<ObjectNode> children(JsonNode block) {
    List<ObjectNode> out = new ArrayList<>();
    JsonNode c = block.path(block.path("type").asText()).get("children");
    if (c != null && c.isArray()) {
      c.forEach(n -> out.add((ObjectNode) n));
    }
    return out;
  }

  /** The block without its children: what {@code PATCH /v1/blocks/{id}} may change. */
  static ObjectNode withoutChildren(JsonNode block) {
    ObjectNode copy = (ObjectNode) block.deepCopy();
    if (copy.get(copy.path("type").asText()) instanceof ObjectNode payload) {
      payload.remove("children");
    }
    return copy;
  }

  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- JSON (stored in kb_article_link.block_map) --------------------------------------------

  static String write(ObjectMapper mapper, List<Entry> entries) {
    return array(mapper, entries).toString();
  }

  private static ArrayNode array(ObjectMapper mapper, List<Entry> entries) {
    ArrayNode a = mapper.createArrayNode();
    for (Entry e : entries) {
      ObjectNode o = a.addObject();
      if (e.id() != null) {
        o.put("id", e.id());
      }
      o.put("y", e.type()).put("h", e.own()).put("t", e.tree());
      if (!e.children().isEmpty()) {
        o.set("c", array(mapper, e.children()));
      }
    }
    return a;
  }

  static List<Entry> read(ObjectMapper mapper, String json) {
    try {
      return read(mapper.readTree(json));
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable block map", e);
    }
  }

  private static List<Entry> read(JsonNode a) {
    List<Entry> out = new ArrayList<>();
    for (JsonNode o : a) {
      out.add(
          new Entry(
              o.hasNonNull("id") ? o.get("id").asText() : null,
              o.path("y").asText(),
              o.path("h").asText(),
              o.path("t").asText(),
              o.has("c") ? read(o.get("c")) : List.of()));
    }
    return out;
  }

  /** Blocks in the map, nested ones included. */
  static int count(List<Entry> entries) {
    int n = 0;
    for (Entry e : entries) {
      n += 1 + count(e.children());
    }
    return n;
  }
}
