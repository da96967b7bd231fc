package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.SimModel.Block;
import io.fynedesk.connector.simulator.notion.SimModel.Page;
import io.fynedesk.connector.simulator.notion.SimModel.User;
import java.util.List;

/**
 * Edits of page content as a person makes them in Notion's UI: no API call is recorded, the page's
 * {@code last_edited_by} becomes the person and the webhooks Notion would send are emitted ({@code
 * page.content_updated}, {@code page.deleted}/{@code undeleted}, authored by the person).
 */
final class SimPersonEdits {

  private final SimState state;
  private final SimBlocks blocks;

  SimPersonEdits(SimState state) {
    this.state = state;
    this.blocks = new SimBlocks(state);
  }

  String person(String workspaceId) {
    return state.users.values().stream()
        .filter(u -> u.workspaceId().equals(workspaceId) && u.type().equals("person"))
        .map(User::id)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("seed a person first"));
  }

  /** Replaces the text of a text block (its rich_text becomes one plain item). */
  void editText(String blockId, String text) {
    Block block = state.blocks.get(blockId);
    if (block == null) {
      throw new IllegalArgumentException("no block " + blockId);
    }
    ArrayNode rt = state.mapper.createArrayNode();
    ObjectNode item = state.mapper.createObjectNode();
    item.putObject("text").put("content", text);
    rt.add(item);
    block.payload.set("rich_text", SimRender.richText(rt, state.mapper.createArrayNode()));
    Page page = state.owningPage(blockId);
    String person = person(page.workspaceId);
    block.edited = state.now();
    block.editedBy = person;
    touched(page, person, List.of(blockId));
  }

  /** Appends blocks (request shape) at the end of a page, as a person typing them. */
  List<String> append(String pageId, List<ObjectNode> children) {
    Page page = state.pages.get(pageId);
    ArrayNode array = state.mapper.createArrayNode();
    children.forEach(array::add);
    String person = person(page.workspaceId);
    List<String> ids =
        blocks.create(pageId, true, array, -1, person).stream().map(b -> b.id).toList();
    touched(page, person, ids);
    return ids;
  }

  /** Deletes a block as a person. */
  void deleteBlock(String blockId) {
    Block block = state.blocks.get(blockId);
    block.inTrash = true;
    Page page = state.owningPage(blockId);
    touched(page, person(page.workspaceId), List.of(blockId));
  }

  /** Moves a page to the trash or restores it, as a person. */
  void trash(String pageId, boolean trash) {
    Page page = state.pages.get(pageId);
    page.inTrash = trash;
    String person = person(page.workspaceId);
    page.edited = state.now();
    page.editedBy = person;
    state.pageEvent(trash ? "page.deleted" : "page.undeleted", page, person, List.of(), List.of());
  }

  /** Renames a page as a person. */
  void retitle(String pageId, String title) {
    Page page = state.pages.get(pageId);
    ObjectNode value = state.mapper.createObjectNode().put("id", "title").put("type", "title");
    ArrayNode t = value.putArray("title");
    ObjectNode item = state.mapper.createObjectNode();
    item.putObject("text").put("content", title);
    t.add(SimRender.richTextItem(item));
    JsonNode old = page.values.get("title");
    page.values.put(old == null ? "title" : "title", value);
    String person = person(page.workspaceId);
    page.edited = state.now();
    page.editedBy = person;
    state.pageEvent("page.properties_updated", page, person, List.of("title"), List.of());
  }

  private void touched(Page page, String person, List<String> blockIds) {
    page.edited = state.now();
    page.editedBy = person;
    state.pageEvent("page.content_updated", page, person, List.of(), blockIds);
  }
}
