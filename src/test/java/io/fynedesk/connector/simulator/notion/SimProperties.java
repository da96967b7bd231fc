package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.NotionLimits;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Property;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates page property values against a data source schema (notion-api.md §7) and renders them.
 */
final class SimProperties {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> TEXT_LIKE = Set.of("url", "email", "phone_number");

  private final SimState state;

  SimProperties(SimState state) {
    this.state = state;
  }

  /**
   * Validates all values first, then creates missing select options; returns name → response value.
   */
  Map<String, ObjectNode> apply(DataSource ds, JsonNode properties) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (properties == null || properties.isNull()) {
      return out;
    }
    if (!properties.isObject()) {
      throw SimError.validation("body.properties should be an object.");
    }
    List<Runnable> newOptions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : properties.properties()) {
      Property p = ds == null ? pageTitle(entry.getKey()) : ds.property(entry.getKey());
      if (p == null) {
        throw SimError.validation(entry.getKey() + " is not a property that exists.");
      }
      out.put(p.name, value(p, entry.getValue(), "body.properties." + entry.getKey(), newOptions));
    }
    newOptions.forEach(Runnable::run);
    return out;
  }

  /** Response values of every property of a new row that the create did not set. */
  Map<String, ObjectNode> defaults(DataSource ds) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (Property p : ds.properties.values()) {
      ObjectNode v = JSON.objectNode().put("id", p.id).put("type", p.type);
      switch (p.type) {
        case "title", "rich_text", "multi_select", "people", "files" -> v.putArray(p.type);
        case "relation" -> v.putArray("relation").addAll(List.of());
        case "checkbox" -> v.put("checkbox", false);
        case "status" -> v.set("status", firstOption(p));
        default -> v.putNull(p.type);
      }
      if (p.type.equals("relation")) {
        v.put("has_more", false);
      }
      out.put(p.name, v);
    }
    return out;
  }

  static Property pageTitle(String key) {
    return key.equals("title") ? new Property("title", "title", "title", JSON.objectNode()) : null;
  }

  private ObjectNode value(Property p, JsonNode given, String path, List<Runnable> newOptions) {
    if (!given.isObject() || !given.has(p.type)) {
      throw SimError.validation(
          path + "." + p.type + " should be defined, instead was `undefined`.");
    }
    JsonNode v = given.get(p.type);
    ObjectNode out = JSON.objectNode().put("id", p.id).put("type", p.type);
    switch (p.type) {
      case "title", "rich_text" -> {
        SimBlocks.validateRichText(v, path + "." + p.type);
        out.set(p.type, SimRender.richText((ArrayNode) v, JSON.arrayNode()));
      }
      case "number" -> out.set("number", require(v.isNumber() || v.isNull(), v, path, "a number"));
      case "checkbox" -> out.set("checkbox", require(v.isBoolean(), v, path, "a boolean"));
      case "url", "email", "phone_number" -> {
        require(v.isTextual() || v.isNull(), v, path, "a string");
        int max = p.type.equals("url") ? NotionLimits.MAX_URL_LENGTH : 200;
        SimBlocks.checkLength(v.asText(""), max, path + "." + p.type);
        out.set(p.type, v);
      }
      case "select" -> out.set("select", v.isNull() ? v : option(p, v, path, true, newOptions));
      case "status" -> out.set("status", v.isNull() ? v : option(p, v, path, false, newOptions));
      case "multi_select" -> {
        ArrayNode items = list(v, path);
        ArrayNode options = out.putArray("multi_select");
        items.forEach(i -> options.add(option(p, i, path, true, newOptions)));
      }
      case "date" -> out.set("date", v.isNull() ? v : date(v, path));
      case "people" -> {
        ArrayNode people = out.putArray("people");
        for (JsonNode person : list(v, path)) {
          if (!state.users.containsKey(person.path("id").asText())) {
            throw SimError.validation(
                path + ".people: user " + person.path("id").asText() + " does not exist.");
          }
          people.addObject().put("object", "user").put("id", person.path("id").asText());
        }
      }
      case "relation" -> {
        ArrayNode relation = out.putArray("relation");
        list(v, path).forEach(r -> relation.addObject().put("id", r.path("id").asText()));
        out.put("has_more", false);
      }
      default ->
          throw SimError.validation(path + ": property of type " + p.type + " cannot be set.");
    }
    return out;
  }

  private static JsonNode require(boolean ok, JsonNode v, String path, String what) {
    if (!ok) {
      throw SimError.validation(path + " should be " + what + ", instead was `" + v + "`.");
    }
    return v;
  }

  private static ArrayNode list(JsonNode v, String path) {
    require(v.isArray(), v, path, "an array");
    if (v.size() > NotionLimits.MAX_MULTI_VALUES) {
      throw SimError.validation(
          path + ".length should be ≤ `100`, instead was `" + v.size() + "`.");
    }
    return (ArrayNode) v;
  }

  private ObjectNode option(
      Property p, JsonNode v, String path, boolean create, List<Runnable> newOptions) {
    require(
        v.isObject() && (v.path("name").isTextual() || v.path("id").isTextual()),
        v,
        path,
        "an object with name or id");
    ArrayNode options = (ArrayNode) p.config.get("options");
    for (JsonNode o : options) {
      if (o.path("id").asText().equals(v.path("id").asText())
          || o.path("name").asText().equals(v.path("name").asText())) {
        return (ObjectNode) o.deepCopy();
      }
    }
    if (!create || !v.path("name").isTextual()) {
      throw SimError.validation(
          path
              + ": "
              + p.type
              + " option \""
              + v.path("name").asText(v.path("id").asText())
              + "\" does not exist for property "
              + p.name
              + ".");
    }
    ObjectNode created =
        JSON.objectNode()
            .put("id", SimState.newId().substring(0, 8))
            .put("name", v.path("name").asText())
            .put("color", "default");
    newOptions.add(
        () -> {
          if (options.findValuesAsText("name").stream()
              .noneMatch(n -> n.equals(created.path("name").asText()))) {
            options.add(created);
          }
        });
    return created;
  }

  private static ObjectNode date(JsonNode v, String path) {
    require(v.isObject() && v.path("start").isTextual(), v, path, "an object with start");
    for (String key : List.of("start", "end")) {
      JsonNode d = v.get(key);
      if (d != null && !d.isNull() && !isDate(d.asText())) {
        throw SimError.validation(
            path + ".date." + key + " should be a valid ISO 8601 date string.");
      }
    }
    ObjectNode out = JSON.objectNode().put("start", v.path("start").asText());
    out.set("end", v.hasNonNull("end") ? v.get("end") : JSON.nullNode());
    out.set("time_zone", v.hasNonNull("time_zone") ? v.get("time_zone") : JSON.nullNode());
    return out;
  }

  static boolean isDate(String s) {
    try {
      if (s.length() == 10) {
        LocalDate.parse(s);
      } else {
        OffsetDateTime.parse(s);
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static JsonNode firstOption(Property p) {
    JsonNode options = p.config.path("options");
    return options.isEmpty() ? JSON.nullNode() : options.get(0).deepCopy();
  }

  /** A request-shape value from a plain Java value, for seeding and simulated human edits. */
  static ObjectNode simple(Property p, Object value) {
    ObjectNode out = JSON.objectNode();
    switch (p.type) {
      case "title", "rich_text" ->
          out.putArray(p.type).addObject().putObject("text").put("content", String.valueOf(value));
      case "number" ->
          out.put("number", value == null ? null : Double.valueOf(String.valueOf(value)));
      case "checkbox" -> out.put("checkbox", Boolean.parseBoolean(String.valueOf(value)));
      case "select", "status" -> {
        if (value == null) {
          out.putNull(p.type);
        } else {
          out.putObject(p.type).put("name", String.valueOf(value));
        }
      }
      case "multi_select" -> {
        ArrayNode array = out.putArray("multi_select");
        for (Object o : value instanceof List<?> l ? l : List.of(value)) {
          array.addObject().put("name", String.valueOf(o));
        }
      }
      case "date" -> out.putObject("date").put("start", String.valueOf(value));
      case "people", "relation" -> {
        ArrayNode array = out.putArray(p.type);
        for (Object o : value instanceof List<?> l ? l : List.of(value)) {
          array.addObject().put("id", String.valueOf(o));
        }
      }
      default -> {
        if (value == null) {
          out.putNull(p.type);
        } else {
          out.put(p.type, String.valueOf(value));
        }
      }
    }
    return out;
  }

  static boolean isTextLike(String type) {
    return TEXT_LIKE.contains(type);
  }
}
