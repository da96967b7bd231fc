package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seeded workspace shared by the Notion tests: one token, one page, one "Tickets" data source.
 */
public final class SimFixtures {

  public static final String WORKSPACE = "ws-acme";
  public static final String TOKEN = "ntn_acme_token";
  public static final String BOT = "bot-acme";
  public static final String PERSON = "user-alice";
  public static final String DATABASE = "db-tickets";
  public static final String DATA_SOURCE = "ds-tickets";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public final NotionSimulator sim;
  public final String pageId;
  public final String privatePageId;

  public SimFixtures(NotionSimulator sim) {
    this.sim = sim;
    sim.workspace(WORKSPACE, "Acme").person(WORKSPACE, PERSON, "Alice", "alice@acme.test");
    this.pageId = sim.seedPage(WORKSPACE, null, "Support");
    this.privatePageId = sim.seedPage(WORKSPACE, null, "Private");
    sim.database(WORKSPACE, DATABASE, "Tickets", pageId);
    sim.dataSource(DATABASE, DATA_SOURCE, "Tickets")
        .title("Name")
        .status("Status", "Open", "Doing", "Done")
        .select("Priority", "Low", "High")
        .number("Count")
        .checkbox("Urgent")
        .richText("Notes")
        .url("Link");
    sim.token(TOKEN, WORKSPACE, BOT, pageId);
  }

  /** A paragraph block in request shape, optionally with children. */
  public static ObjectNode paragraph(String text, ObjectNode... children) {
    return block("paragraph", text, children);
  }

  public static ObjectNode block(String type, String text, ObjectNode... children) {
    ObjectNode block = MAPPER.createObjectNode().put("object", "block").put("type", type);
    ObjectNode payload = block.putObject(type);
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
}
