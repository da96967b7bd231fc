package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.fynedesk.TicketLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tickets, their links and actions per organization, and the ticket calls of CONTRACT §2. */
final class TicketApi {

  static final Set<String> STATUSES =
      Set.of("new", "open", "pending", "on_hold", "solved", "closed");
  private static final Set<String> ACTIONS = Set.of("reopen", "escalate", "close");

  private final ObjectMapper json;
  private final ApiEvents events;
  // All guarded by this: org -> ticket id -> ticket JSON, and "org/ticketId" -> links / actions.
  private final Map<String, Map<String, ObjectNode>> tickets = new HashMap<>();
  private final Map<String, List<ObjectNode>> links = new HashMap<>();
  private final Map<String, List<String>> actions = new HashMap<>();

  TicketApi(ObjectMapper json, ApiEvents events) {
    this.json = json;
    this.events = events;
  }

  synchronized ObjectNode put(String org, Ticket ticket) {
    ObjectNode node = json.valueToTree(ticket);
    tickets.computeIfAbsent(org, o -> new HashMap<>()).put(ticket.id(), node);
    return node.deepCopy();
  }

  synchronized Optional<Ticket> get(String org, String id) {
    return Optional.ofNullable(tickets.getOrDefault(org, Map.of()).get(id)).map(this::toTicket);
  }

  synchronized List<TicketLink> links(String org, String id) {
    return links.getOrDefault(org + "/" + id, List.of()).stream()
        .map(node -> json.convertValue(node, TicketLink.class))
        .toList();
  }

  synchronized List<String> actions(String org, String id) {
    return List.copyOf(actions.getOrDefault(org + "/" + id, List.of()));
  }

  /** Sets a ticket's status; returns the ticket JSON, or empty when the status did not change. */
  synchronized Optional<ObjectNode> changeStatus(String org, String id, String status) {
    if (!STATUSES.contains(status)) {
      throw ProblemException.invalid("status must be one of " + STATUSES);
    }
    ObjectNode ticket = find(org, id);
    if (status.equals(ticket.path("status").asText())) {
      return Optional.empty();
    }
    ticket.put("status", status).put("updatedAt", Instant.now().toString());
    return Optional.of(ticket.deepCopy());
  }

  synchronized ObjectNode addTag(String org, String id, String tag) {
    ObjectNode ticket = find(org, id);
    ArrayNode tags = ticket.withArray("tags");
    tags.add(tag);
    ticket.put("updatedAt", Instant.now().toString());
    return ticket.deepCopy();
  }

  SimResponse get(SimRequest request) {
    synchronized (this) {
      return SimResponse.json(json, 200, find(request.org(), request.param(1)));
    }
  }

  synchronized SimResponse patch(SimRequest request) {
    ObjectNode body = request.jsonObject(json);
    if (body.size() != 1 || !body.path("status").isTextual()) {
      throw ProblemException.invalid("body must be {\"status\": <ticket status>}");
    }
    String org = request.org();
    String id = request.param(1);
    changeStatus(org, id, body.get("status").asText())
        .ifPresent(
            ticket -> events.written(org, "ticket.status_changed", data(ticket), request.origin()));
    return SimResponse.json(json, 200, find(org, id));
  }

  synchronized SimResponse action(SimRequest request) {
    ObjectNode body = request.jsonObject(json);
    String action = body.path("action").asText("");
    if (!ACTIONS.contains(action)) {
      throw ProblemException.invalid("action must be one of " + ACTIONS);
    }
    String org = request.org();
    String id = request.param(1);
    ObjectNode ticket = find(org, id);
    actions.computeIfAbsent(org + "/" + id, k -> new ArrayList<>()).add(action);
    if (!action.equals("escalate")) {
      ticket.put("status", action.equals("reopen") ? "open" : "closed");
    }
    ticket.put("updatedAt", Instant.now().toString());
    String type = action.equals("escalate") ? "ticket.escalated" : "ticket.updated";
    events.written(org, type, data(ticket.deepCopy()), request.origin());
    return SimResponse.json(json, 202, json.createObjectNode());
  }

  synchronized SimResponse link(SimRequest request) {
    ObjectNode body = request.jsonObject(json);
    if (!TicketLink.NOTION_PAGE.equals(body.path("type").asText())) {
      throw ProblemException.invalid("type must be notion_page");
    }
    for (String field : List.of("externalId", "url")) {
      if (!body.path(field).isTextual() || body.get(field).asText().isBlank()) {
        throw ProblemException.invalid(field + " is required");
      }
    }
    if (body.has("title") && !body.get("title").isTextual() && !body.get("title").isNull()) {
      throw ProblemException.invalid("title must be a string");
    }
    find(request.org(), request.param(1));
    List<ObjectNode> ticketLinks =
        links.computeIfAbsent(request.org() + "/" + request.param(1), k -> new ArrayList<>());
    String externalId = body.get("externalId").asText();
    for (ObjectNode existing : ticketLinks) {
      if (existing.get("externalId").asText().equals(externalId)) {
        existing.set("url", body.get("url"));
        existing.set("title", body.get("title"));
        return SimResponse.json(json, 200, existing);
      }
    }
    ObjectNode link = json.createObjectNode();
    link.set("type", body.get("type"));
    link.set("externalId", body.get("externalId"));
    link.set("url", body.get("url"));
    link.set("title", body.get("title"));
    ticketLinks.add(link);
    return SimResponse.json(json, 201, link);
  }

  /**
   * Seeds tickets without events (the simulator's own path, no auth): {@code {"organizationId":
   * "…", "tickets": [ticket, …]}} → 200 {@code {"stored": n}}. Load tools use it before posting
   * events.
   */
  /**
   * The links a ticket holds (the simulator's own read path, no auth; not FyneDesk's API): {@code
   * GET /_sim/orgs/{org}/tickets/{id}/links} → 200 {@code {"links": [link, …]}}.
   */
  synchronized SimResponse linksOf(SimRequest request) {
    ObjectNode out = json.createObjectNode();
    out.putArray("links")
        .addAll(links.getOrDefault(request.param(1) + "/" + request.param(2), List.of()));
    return SimResponse.json(json, 200, out);
  }

  SimResponse seed(SimRequest request) {
    ObjectNode body = request.jsonObject(json);
    String org = body.path("organizationId").asText("");
    if (org.isBlank() || !body.path("tickets").isArray()) {
      throw ProblemException.invalid(
          "body must be {\"organizationId\": \"…\", \"tickets\": [ticket, …]}");
    }
    List<Ticket> parsed = new ArrayList<>();
    for (JsonNode node : body.get("tickets")) {
      Ticket ticket;
      try {
        ticket = json.convertValue(node, Ticket.class);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("not a ticket: " + e.getMessage());
      }
      if (ticket.id() == null || ticket.id().isBlank()) {
        throw ProblemException.invalid("every ticket needs an id");
      }
      parsed.add(ticket);
    }
    synchronized (this) {
      parsed.forEach(ticket -> put(org, ticket));
    }
    return SimResponse.json(json, 200, json.createObjectNode().put("stored", parsed.size()));
  }

  ObjectNode data(JsonNode ticket) {
    ObjectNode data = json.createObjectNode();
    data.set("ticket", ticket);
    return data;
  }

  private ObjectNode find(String org, String id) {
    ObjectNode ticket = tickets.getOrDefault(org, Map.of()).get(id);
    if (ticket == null) {
      throw ProblemException.notFound("ticket " + id);
    }
    return ticket;
  }

  private Ticket toTicket(ObjectNode node) {
    return json.convertValue(node, Ticket.class);
  }

  synchronized void clear() {
    tickets.clear();
    links.clear();
    actions.clear();
  }
}
