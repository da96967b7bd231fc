package io.fynedesk.connector.tickets;

import io.fynedesk.connector.fynedesk.Person;
import io.fynedesk.connector.fynedesk.Ticket;
import java.util.List;

/**
 * Reads the mappable ticket fields (CONTRACT §4 propertyMap keys) and renders them as text, lists,
 * numbers.
 */
final class TicketFields {

  private TicketFields() {}

  static Object value(Ticket t, String field) {
    return switch (field) {
      case "priority" -> t.priority();
      case "status" -> t.status();
      case "tags" -> t.tags();
      case "category" -> t.category();
      case "assignee" -> t.assignee();
      case "requester" -> t.requester();
      case "number" -> t.number();
      case "url" -> t.url();
      case "createdAt" -> t.createdAt();
      default -> null;
    };
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Person p) {
      return person(p);
    }
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  static String person(Person p) {
    if (p == null) {
      return "";
    }
    String name = p.name() == null ? "" : p.name();
    return p.email() == null || p.email().isBlank() ? name : (name + " <" + p.email() + ">").trim();
  }

  static String first(Object value) {
    if (value instanceof List<?> list) {
      return list.isEmpty() ? null : String.valueOf(list.get(0));
    }
    String s = value == null ? null : text(value);
    return s == null || s.isBlank() ? null : s;
  }

  static List<String> list(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).filter(s -> !s.isBlank()).distinct().toList();
    }
    String s = first(value);
    return s == null ? List.of() : List.of(s);
  }

  static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return value == null ? null : Double.valueOf(text(value).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean truthy(Object value) {
    if (value instanceof List<?> list) {
      return !list.isEmpty();
    }
    String s = text(value).trim();
    return !s.isEmpty() && !"false".equalsIgnoreCase(s) && !"0".equals(s);
  }
}
