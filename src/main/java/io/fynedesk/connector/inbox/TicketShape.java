package io.fynedesk.connector.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Type checks of {@code data.ticket} (CONTRACT §1); absent optional fields are fine, wrong types
 * are not.
 */
final class TicketShape {

  static final Set<String> STATUSES =
      Set.of("new", "open", "pending", "on_hold", "solved", "closed");
  static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
  private static final String P = "data.ticket.";

  /** Ticket and article ids are stored in VARCHAR(200) columns (ticket_page_link, failures). */
  static final int MAX_ID = 200;

  private TicketShape() {}

  /**
   * Message for ids and keys carrying control characters (PostgreSQL text cannot even hold U+0000).
   */
  static final String NO_CONTROL = "must not contain control characters";

  /**
   * Whether a value stored in its own column holds a control character (U+0000 to U+001F, U+007F).
   */
  static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  static void check(JsonNode t, List<FieldError> errors) {
    if (t == null || !t.isObject()) {
      errors.add(new FieldError("data.ticket", "must be an object"));
      return;
    }
    JsonNode id = t.get("id");
    if (id == null || !(id.isTextual() && !id.asText().isBlank() || id.isIntegralNumber())) {
      errors.add(new FieldError(P + "id", "must be a non-empty string"));
    } else if (id.asText().length() > MAX_ID) {
      errors.add(new FieldError(P + "id", "must be at most " + MAX_ID + " characters"));
    } else if (hasControl(id.asText())) {
      errors.add(new FieldError(P + "id", NO_CONTROL));
    }
    optional(
        t,
        "number",
        errors,
        v -> v.isIntegralNumber() && v.canConvertToLong(),
        "must be an integer");
    for (String f : List.of("subject", "description", "category", "url")) {
      optional(t, f, errors, JsonNode::isTextual, "must be a string");
    }
    optional(
        t,
        "status",
        errors,
        v -> v.isTextual() && STATUSES.contains(v.asText()),
        "must be one of new, open, pending, on_hold, solved, closed");
    optional(
        t,
        "priority",
        errors,
        v -> v.isTextual() && PRIORITIES.contains(v.asText()),
        "must be one of low, normal, high, urgent");
    optional(t, "tags", errors, TicketShape::stringArray, "must be an array of strings");
    person(t, "requester", errors, "must be {name, email}");
    person(t, "assignee", errors, "must be {name, email} or null");
    for (String f : List.of("createdAt", "updatedAt")) {
      optional(
          t,
          f,
          errors,
          v -> v.isTextual() && EventIntake.EnvelopeValidator.parseTime(v.asText()) != null,
          "must be an ISO-8601 time");
    }
  }

  private static boolean stringArray(JsonNode v) {
    if (!v.isArray()) {
      return false;
    }
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** A person is {name, email}, both strings or null; the error names the mistyped part. */
  private static void person(JsonNode t, String field, List<FieldError> errors, String message) {
    JsonNode v = t.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isObject()) {
      errors.add(new FieldError(P + field, message));
      return;
    }
    for (String part : List.of("name", "email")) {
      JsonNode p = v.get(part);
      if (p != null && !p.isNull() && !p.isTextual()) {
        errors.add(new FieldError(P + field + "." + part, "must be a string"));
      }
    }
  }

  static void optional(
      JsonNode t, String field, List<FieldError> errors, Predicate<JsonNode> ok, String message) {
    JsonNode v = t.get(field);
    if (v != null && !v.isNull() && !ok.test(v)) {
      errors.add(new FieldError(P + field, message));
    }
  }
}
