package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Page;
import io.fynedesk.connector.simulator.notion.SimModel.Property;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Evaluates data source query filters and sorts (a documented subset, strict about the rest). */
final class SimQuery {

  private SimQuery() {}

  static boolean matches(DataSource ds, Page page, JsonNode filter) {
    if (filter == null || filter.isNull()) {
      return true;
    }
    if (filter.has("and")) {
      for (JsonNode f : filter.get("and")) {
        if (!matches(ds, page, f)) {
          return false;
        }
      }
      return true;
    }
    if (filter.has("or")) {
      for (JsonNode f : filter.get("or")) {
        if (matches(ds, page, f)) {
          return true;
        }
      }
      return false;
    }
    if (filter.has("timestamp")) {
      String ts = filter.get("timestamp").asText();
      Instant value =
          (ts.equals("created_time") ? page.created : page.edited).truncatedTo(ChronoUnit.MINUTES);
      return compareTime(value, filter.path(ts), "filter." + ts);
    }
    if (!filter.has("property")) {
      throw SimError.validation("body.filter should have property, timestamp, and or or.");
    }
    Property p = ds.property(filter.get("property").asText());
    if (p == null) {
      throw SimError.validation(
          "Could not find property with name or id: " + filter.get("property").asText());
    }
    JsonNode condition = filter.get(p.type);
    if (condition == null || !condition.isObject() || condition.size() != 1) {
      throw SimError.validation(
          "body.filter."
              + p.type
              + " should be defined for property "
              + p.name
              + " of type "
              + p.type
              + ".");
    }
    return evaluate(p, page.values.get(p.name).get(p.type), condition);
  }

  private static boolean evaluate(Property p, JsonNode value, JsonNode condition) {
    String op = condition.fieldNames().next();
    JsonNode arg = condition.get(op);
    switch (p.type) {
      case "title", "rich_text", "url", "email", "phone_number" -> {
        String text = value.isArray() ? SimRender.plainText(value) : value.asText("");
        String a = arg.asText("").toLowerCase(Locale.ROOT);
        String t = text.toLowerCase(Locale.ROOT);
        return switch (op) {
          case "equals" -> text.equals(arg.asText());
          case "does_not_equal" -> !text.equals(arg.asText());
          case "contains" -> t.contains(a);
          case "does_not_contain" -> !t.contains(a);
          case "starts_with" -> t.startsWith(a);
          case "ends_with" -> t.endsWith(a);
          case "is_empty" -> text.isEmpty();
          case "is_not_empty" -> !text.isEmpty();
          default -> throw badOp(p, op);
        };
      }
      case "number" -> {
        if (op.equals("is_empty") || op.equals("is_not_empty")) {
          return value.isNull() == op.equals("is_empty");
        }
        if (value.isNull()) {
          return op.equals("does_not_equal");
        }
        double v = value.asDouble();
        double a = arg.asDouble();
        return switch (op) {
          case "equals" -> v == a;
          case "does_not_equal" -> v != a;
          case "greater_than" -> v > a;
          case "less_than" -> v < a;
          case "greater_than_or_equal_to" -> v >= a;
          case "less_than_or_equal_to" -> v <= a;
          default -> throw badOp(p, op);
        };
      }
      case "checkbox" -> {
        return switch (op) {
          case "equals" -> value.asBoolean() == arg.asBoolean();
          case "does_not_equal" -> value.asBoolean() != arg.asBoolean();
          default -> throw badOp(p, op);
        };
      }
      case "select", "status" -> {
        String name = value.isNull() ? null : value.path("name").asText();
        return switch (op) {
          case "equals" -> arg.asText().equals(name);
          case "does_not_equal" -> !arg.asText().equals(name);
          case "is_empty" -> name == null;
          case "is_not_empty" -> name != null;
          default -> throw badOp(p, op);
        };
      }
      case "multi_select", "people", "relation" -> {
        List<String> keys = value.findValuesAsText(p.type.equals("multi_select") ? "name" : "id");
        return switch (op) {
          case "contains" -> keys.contains(arg.asText());
          case "does_not_contain" -> !keys.contains(arg.asText());
          case "is_empty" -> keys.isEmpty();
          case "is_not_empty" -> !keys.isEmpty();
          default -> throw badOp(p, op);
        };
      }
      case "date" -> {
        if (op.equals("is_empty") || op.equals("is_not_empty")) {
          return value.isNull() == op.equals("is_empty");
        }
        return !value.isNull()
            && compareTime(parse(value.path("start").asText()), condition, "filter.date");
      }
      default ->
          throw SimError.validation(
              "Filtering on " + p.type + " properties is not supported by the simulator.");
    }
  }

  private static boolean compareTime(Instant value, JsonNode condition, String path) {
    if (!condition.isObject() || condition.size() != 1) {
      throw SimError.validation("body." + path + " should have exactly one condition.");
    }
    String op = condition.fieldNames().next();
    String arg = condition.get(op).asText();
    if (!SimProperties.isDate(arg)) {
      throw SimError.validation(
          "body." + path + "." + op + " should be a valid ISO 8601 date string.");
    }
    Instant a = parse(arg);
    return switch (op) {
      case "equals" -> value.equals(a);
      case "before" -> value.isBefore(a);
      case "after" -> value.isAfter(a);
      case "on_or_before" -> !value.isAfter(a);
      case "on_or_after" -> !value.isBefore(a);
      default ->
          throw SimError.validation("body." + path + "." + op + " is not a supported condition.");
    };
  }

  static Instant parse(String s) {
    return s.length() == 10
        ? LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC)
        : OffsetDateTime.parse(s).toInstant();
  }

  private static SimError badOp(Property p, String op) {
    return SimError.validation(
        "body.filter."
            + p.type
            + "."
            + op
            + " is not a valid condition for "
            + p.type
            + " properties.");
  }

  /** Sorts as given; rows equal on every sort keep creation order. */
  static Comparator<Page> sorts(DataSource ds, JsonNode sorts) {
    Comparator<Page> result = (a, b) -> 0;
    if (sorts != null && !sorts.isNull()) {
      if (!sorts.isArray()) {
        throw SimError.validation("body.sorts should be an array.");
      }
      for (JsonNode sort : sorts) {
        Comparator<Page> c = sortKey(ds, sort);
        result =
            result.thenComparing(
                "descending".equals(sort.path("direction").asText()) ? c.reversed() : c);
      }
    }
    return result.thenComparingLong(p -> p.seq);
  }

  private static Comparator<Page> sortKey(DataSource ds, JsonNode sort) {
    if (sort.has("timestamp")) {
      boolean created = sort.get("timestamp").asText().equals("created_time");
      return Comparator.comparing(
          p -> (created ? p.created : p.edited).truncatedTo(ChronoUnit.MINUTES));
    }
    Property p = ds.property(sort.path("property").asText());
    if (p == null) {
      throw SimError.validation(
          "Could not find sort property with name or id: " + sort.path("property").asText());
    }
    return Comparator.comparing(
        page -> sortable(page.values.get(p.name).get(p.type)),
        Comparator.nullsLast(Comparator.naturalOrder()));
  }

  private static String sortable(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return String.format(Locale.ROOT, "%030.6f", value.asDouble() + 1e12);
    }
    if (value.isArray()) {
      return SimRender.plainText(value);
    }
    return value.isObject()
        ? value.path("name").asText(value.path("start").asText())
        : value.asText();
  }
}
