package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import io.fynedesk.connector.fynedesk.Person;
import io.fynedesk.connector.fynedesk.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Converts a ticket's mapped fields into Notion property values by each property's type in the data
 * source schema (CONTRACT §4): options matched by exact name, then case-insensitively (a missing
 * select option is created by the write; a missing status option is skipped with a warning), people
 * matched by email, dates with time. Plain Java, no I/O: the caller supplies schema and user
 * lookup.
 */
public final class PropertyMapper {

  /**
   * Properties to write, a fingerprint per property (to diff later updates) and what was skipped.
   */
  public record Mapped(ObjectNode properties, ObjectNode fingerprints, List<String> warnings) {}

  private final ObjectMapper mapper;

  public PropertyMapper(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Maps the title and every {@code propertyMap} entry.
   *
   * @param emailToUserId finds a workspace person's user id by email (called only for people
   *     properties)
   */
  public Mapped map(
      Ticket ticket,
      JsonNode propertyMap,
      JsonNode schema,
      Function<String, Optional<String>> emailToUserId) {
    ObjectNode properties = mapper.createObjectNode();
    ObjectNode fingerprints = mapper.createObjectNode();
    List<String> warnings = new ArrayList<>();
    titleProperty(schema)
        .ifPresent(
            title -> {
              properties.set(
                  title, text("title", ticket.subject() == null ? "" : ticket.subject()));
              fingerprints.put(title, String.valueOf(ticket.subject()));
            });
    for (Iterator<Map.Entry<String, JsonNode>> it = propertyMap.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getValue().asText();
      JsonNode property = schema.get(name);
      if (property == null) {
        warnings.add("Notion property \"" + name + "\" (for " + e.getKey() + ") no longer exists");
        continue;
      }
      Object value = TicketFields.value(ticket, e.getKey());
      JsonNode converted = convert(property, value, e.getKey(), name, emailToUserId, warnings);
      if (converted != null) {
        properties.set(name, converted);
        fingerprints.put(name, converted.toString());
      }
    }
    return new Mapped(properties, fingerprints, warnings);
  }

  /** Name of the data source's title property. */
  public static Optional<String> titleProperty(JsonNode schema) {
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if ("title".equals(e.getValue().path("type").asText())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  private JsonNode convert(
      JsonNode property,
      Object value,
      String field,
      String name,
      Function<String, Optional<String>> emailToUserId,
      List<String> warnings) {
    String type = property.path("type").asText();
    ObjectNode out = mapper.createObjectNode();
    switch (type) {
      case "title", "rich_text" -> {
        return text(type, TicketFields.text(value));
      }
      case "select" -> {
        String v = TicketFields.first(value);
        if (v == null) {
          return out.putNull("select");
        }
        out.putObject("select")
            .put("name", option(property.path("select"), v).orElse(cleanOption(v)));
        return out;
      }
      case "status" -> {
        String v = TicketFields.first(value);
        Optional<String> match = v == null ? Optional.empty() : option(property.path("status"), v);
        if (match.isEmpty()) {
          warnings.add(
              "status \"" + v + "\" has no option in Notion property \"" + name + "\"; skipped");
          return null;
        }
        out.putObject("status").put("name", match.get());
        return out;
      }
      case "multi_select" -> {
        ArrayNode arr = out.putArray("multi_select");
        for (String v : TicketFields.list(value)) {
          if (arr.size() < NotionLimits.MAX_MULTI_VALUES) {
            arr.addObject()
                .put("name", option(property.path("multi_select"), v).orElse(cleanOption(v)));
          }
        }
        return out;
      }
      case "number" -> {
        Double n = TicketFields.number(value);
        if (n == null && value != null) {
          warnings.add(field + " is not a number; Notion property \"" + name + "\" skipped");
          return null;
        }
        if (n == null) {
          return out.putNull("number");
        }
        return n % 1 == 0 ? out.put("number", n.longValue()) : out.put("number", n);
      }
      case "date" -> {
        if (value instanceof Instant at) {
          out.putObject("date").put("start", at.toString()).putNull("end");
          return out;
        }
        warnings.add(field + " is not a date; Notion property \"" + name + "\" skipped");
        return null;
      }
      case "url" -> {
        String v = TicketFields.text(value);
        return v.isEmpty() || v.length() > NotionLimits.MAX_URL_LENGTH
            ? out.putNull("url")
            : out.put("url", v);
      }
      case "email" -> {
        String v = value instanceof Person p ? p.email() : TicketFields.text(value);
        return v == null || v.isBlank() ? out.putNull("email") : out.put("email", v);
      }
      case "checkbox" -> {
        return out.put("checkbox", TicketFields.truthy(value));
      }
      case "people" -> {
        ArrayNode arr = out.putArray("people");
        if (value instanceof Person p && p.email() != null) {
          Optional<String> id = emailToUserId.apply(p.email());
          if (id.isEmpty()) {
            warnings.add(
                "no Notion user with email "
                    + p.email()
                    + " for \""
                    + name
                    + "\"; kept as text in the page");
            return null;
          }
          arr.addObject().put("id", id.get());
        }
        return out;
      }
      default -> {
        warnings.add(
            "Notion property \""
                + name
                + "\" has type "
                + type
                + ", which ticket fields cannot fill");
        return null;
      }
    }
  }

  /** A title or rich_text value, split so that no text item exceeds Notion's 2000-unit limit. */
  private ObjectNode text(String type, String content) {
    ObjectNode out = mapper.createObjectNode();
    ArrayNode arr = out.putArray(type);
    if (!content.isEmpty()) {
      for (String part : NotionLimits.splitText(content)) {
        if (arr.size() < NotionLimits.MAX_RICH_TEXT_ITEMS) {
          arr.addObject().put("type", "text").putObject("text").put("content", part);
        }
      }
    }
    return out;
  }

  /** The existing option named {@code value}: exact first, then ignoring case. */
  static Optional<String> option(JsonNode config, String value) {
    JsonNode options = config.path("options");
    for (JsonNode o : options) {
      if (value.equals(o.path("name").asText())) {
        return Optional.of(value);
      }
    }
    for (JsonNode o : options) {
      if (value.equalsIgnoreCase(o.path("name").asText())) {
        return Optional.of(o.path("name").asText());
      }
    }
    return Optional.empty();
  }

  /** Notion refuses commas in option names. */
  private static String cleanOption(String v) {
    String s = v.replace(',', ' ').trim();
    return s.length() > 100 ? s.substring(0, 100) : s;
  }
}
