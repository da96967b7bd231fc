package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.BlockEngine;
import io.fynedesk.connector.fynedesk.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;
import org.springframework.stereotype.Component;

/**
 * The body of a ticket's Notion page: a callout linking back to the ticket (carrying the hand-off
 * reference used to recognise the page after a crash), the key fields, and the description
 * converted by the block engine.
 */
@Component
public class TicketPageBody {

  private static final Pattern HTML_TAG =
      Pattern.compile(
          "<(p|div|br|ul|ol|li|h[1-6]|pre|code|table|blockquote|b|i|strong|em|a)[\\s>/]",
          Pattern.CASE_INSENSITIVE);

  private final ObjectMapper mapper;
  private final BlockEngine engine;

  TicketPageBody(ObjectMapper mapper, BlockEngine engine) {
    this.mapper = mapper;
    this.engine = engine;
  }

  /** The reference that identifies the page of (org, ticket) in Notion. */
  public static String reference(String orgId, String ticketId) {
    return "fynedesk:" + orgId + ":" + ticketId;
  }

  /** Request-shaped blocks of the page body. */
  public List<ObjectNode> blocks(String orgId, Ticket t) {
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(callout(orgId, t));
    blocks.add(keyFields(t));
    if (t.description() != null && !t.description().isBlank()) {
      blocks.add(block("divider"));
      for (JsonNode b :
          engine.writeNotionRequest(engine.fromHtml(asHtml(t.description())).content())) {
        blocks.add((ObjectNode) b);
      }
    }
    return blocks;
  }

  /** Whether a block is this hand-off's callout for (org, ticket). */
  public static boolean isHandoffCallout(JsonNode block, String orgId, String ticketId) {
    if (!"callout".equals(block.path("type").asText())) {
      return false;
    }
    String ref = reference(orgId, ticketId);
    for (JsonNode rt : block.path("callout").path("rich_text")) {
      String text =
          rt.has("plain_text")
              ? rt.get("plain_text").asText()
              : rt.path("text").path("content").asText();
      if (text.contains(ref)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode callout(String orgId, Ticket t) {
    ObjectNode block = block("callout");
    ObjectNode callout = (ObjectNode) block.get("callout");
    callout.putObject("icon").put("type", "emoji").put("emoji", "🎫");
    callout.put("color", "blue_background");
    ArrayNode rt = callout.putArray("rich_text");
    String label = "FyneDesk ticket" + (t.number() == null ? "" : " #" + t.number());
    text(rt, label + ": ", null, false);
    text(
        rt,
        clip(t.subject() == null || t.subject().isBlank() ? "(no subject)" : t.subject()),
        t.url(),
        true);
    text(rt, "  ·  ref " + reference(orgId, t.id()), null, false)
        .with("annotations")
        .put("color", "gray")
        .put("code", true);
    return block;
  }

  private ObjectNode keyFields(Ticket t) {
    ObjectNode list = block("paragraph");
    ArrayNode rt = ((ObjectNode) list.get("paragraph")).putArray("rich_text");
    line(rt, "Status", t.status());
    line(rt, "Priority", t.priority());
    line(rt, "Requester", TicketFields.person(t.requester()));
    line(rt, "Assignee", t.assignee() == null ? "unassigned" : TicketFields.person(t.assignee()));
    line(rt, "Tags", t.tags().isEmpty() ? null : String.join(", ", t.tags()));
    line(rt, "Category", t.category());
    line(rt, "Created", t.createdAt() == null ? null : t.createdAt().toString());
    return list;
  }

  private void line(ArrayNode rt, String label, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    if (!rt.isEmpty()) {
      text(rt, "\n", null, false);
    }
    text(rt, label + ": ", null, true);
    text(rt, clip(value), null, false);
  }

  private ObjectNode text(ArrayNode rt, String content, String url, boolean bold) {
    ObjectNode item = rt.addObject().put("type", "text");
    ObjectNode text = item.putObject("text").put("content", content);
    if (url != null && !url.isBlank() && url.length() <= 2000) {
      text.putObject("link").put("url", url);
    }
    if (bold) {
      item.putObject("annotations").put("bold", true);
    }
    return item;
  }

  private ObjectNode block(String type) {
    ObjectNode b = mapper.createObjectNode().put("object", "block").put("type", type);
    b.putObject(type);
    return b;
  }

  private static String clip(String s) {
    return s.length() <= 1900
        ? s
        : s.substring(0, Character.isHighSurrogate(s.charAt(1899)) ? 1899 : 1900) + "…";
  }

  /**
   * Ticket descriptions may be HTML or plain text; plain text keeps its paragraphs and line breaks.
   */
  static String asHtml(String description) {
    if (HTML_TAG.matcher(description).find()) {
      return description;
    }
    StringBuilder html = new StringBuilder();
    for (String para : description.split("\\r?\\n\\s*\\r?\\n")) {
      html.append("<p>")
          .append(Entities.escape(para.strip()).replaceAll("\\r?\\n", "<br>"))
          .append("</p>");
    }
    return html.toString();
  }
}
