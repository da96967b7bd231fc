package io.fynedesk.connector.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes block trees to Notion in the requests {@link BlockRequestPlanner} cuts: each batch is
 * appended, then the children held back are appended under the ids Notion returned, depth first, so
 * the final tree keeps the input order.
 */
final class BlockTreeWriter {

  /** Sends one request through the client (budget, retries, errors). */
  interface Sender {
    JsonNode send(String method, String path, JsonNode body);
  }

  private final BlockRequestPlanner planner;
  private final ObjectMapper mapper;
  private final String version;

  BlockTreeWriter(BlockRequestPlanner planner, ObjectMapper mapper, String version) {
    this.planner = planner;
    this.mapper = mapper;
    this.version = version;
  }

  /** POST /v1/pages with the children that fit inline, then appends the rest to the new page. */
  JsonNode createPage(
      Sender sender, ObjectNode parent, ObjectNode properties, List<ObjectNode> children) {
    ObjectNode body = mapper.createObjectNode();
    body.set("parent", parent);
    ObjectNode props = properties == null ? mapper.createObjectNode() : properties.deepCopy();
    planner.fitProperties(props);
    body.set("properties", props);
    List<BlockRequestPlanner.BlockNode> nodes =
        planner.prepare(children == null ? List.of() : children);
    int inline = 0;
    if (!nodes.isEmpty()) {
      BlockRequestPlanner.Batch first = planner.batches(nodes, size(body)).get(0);
      // Only blocks with nothing left to append go inline: the create answer carries no child ids.
      while (inline < first.nodes().size() && first.deferred().get(inline).isEmpty()) {
        inline++;
      }
      ArrayNode inlineChildren = body.putArray("children");
      for (int i = 0; i < inline; i++) {
        inlineChildren.add(first.children().get(i));
      }
    }
    JsonNode page = sender.send("POST", "/v1/pages", body);
    if (inline < nodes.size()) {
      appendTree(sender, page.path("id").asText(), nodes.subList(inline, nodes.size()), null);
    }
    return page;
  }

  /** Appends (or inserts after {@code afterBlockId}) and returns the created top-level blocks. */
  List<JsonNode> append(
      Sender sender, String parentId, List<ObjectNode> children, String afterBlockId) {
    return appendTree(sender, parentId, planner.prepare(children), afterBlockId);
  }

  private List<JsonNode> appendTree(
      Sender sender,
      String parentId,
      List<BlockRequestPlanner.BlockNode> nodes,
      String afterBlockId) {
    List<JsonNode> created = new ArrayList<>();
    String after = afterBlockId;
    for (BlockRequestPlanner.Batch batch : planner.batches(nodes, 0)) {
      ObjectNode body = mapper.createObjectNode();
      body.set("children", batch.children());
      if (after != null) {
        putAfter(body, after);
      }
      JsonNode results =
          sender.send("PATCH", "/v1/blocks/" + parentId + "/children", body).path("results");
      if (results.size() != batch.nodes().size()) {
        throw new NotionApiException(
            200,
            NotionApiException.UNKNOWN_HTTP_RESPONSE,
            "append returned " + results.size() + " blocks for " + batch.nodes().size(),
            null,
            false,
            null);
      }
      for (int i = 0; i < batch.nodes().size(); i++) {
        created.add(results.get(i));
        if (!batch.deferred().get(i).isEmpty()) {
          appendTree(sender, results.get(i).path("id").asText(), batch.deferred().get(i), null);
        }
      }
      // The next batch goes after the last block of this one, keeping the input order.
      after = after == null ? null : results.get(results.size() - 1).path("id").asText();
    }
    return created;
  }

  /** Version 2026-03-11 replaced {@code after} with {@code position} (notion-api.md §2). */
  private void putAfter(ObjectNode body, String afterBlockId) {
    if (version.compareTo("2026-03-11") >= 0) {
      body.putObject("position")
          .put("type", "after_block")
          .putObject("after_block")
          .put("id", afterBlockId);
    } else {
      body.put("after", afterBlockId);
    }
  }

  private int size(JsonNode body) {
    try {
      return mapper.writeValueAsBytes(body).length;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request cannot be serialized", e);
    }
  }
}
