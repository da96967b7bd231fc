package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection settings document (CONTRACT §4): defaults, validation of partial updates with field
 * paths, and the merge rule (objects merge; the listed arrays and maps are replaced whole).
 */
@org.springframework.stereotype.Component
public final class SettingsPolicy {

  /** Ticket fields a property map may name. */
  public static final Set<String> TICKET_FIELDS = Set.of(
      "priority", "status", "tags", "category", "assignee", "requester", "number", "url", "createdAt");
  /** Hand-off triggers. */
  public static final Set<String> TRIGGERS = Set.of("created", "escalated", "tagged");
  /** Ticket statuses a status map may set. */
  public static final Set<String> TICKET_STATUSES = Set.of("new", "open", "pending", "on_hold", "solved", "closed");
  /** Ticket actions a status map may run. */
  public static final Set<String> TICKET_ACTIONS = Set.of("reopen", "escalate", "close");

  private static final Set<String> REPLACED_WHOLE =
      Set.of("triggers", "tags", "propertyMap", "map", "sources", "importSources");

  private static final String DEFAULTS = """
      { "enabled": false,
        "ticketHandoff": { "enabled": false, "dataSourceId": null, "triggers": ["created"], "tags": [],
                           "propertyMap": { "priority": "Priority", "status": "Status", "tags": "Tags" } },
        "kbSync": { "publishEnabled": false, "publishParentPageId": null,
                    "importEnabled": false, "importSources": [], "defaultOwner": "fynedesk" },
        "aiSource": { "enabled": false, "sources": [] },
        "statusSync": { "enabled": false, "property": "Status",
                        "map": { "Done": "solved", "Reopened": "action:reopen" } } }
      """;

  private enum Kind { BOOL, NULLABLE_ID, NAME, TRIGGERS, STRINGS, PROPERTY_MAP, OWNER, STATUS_MAP }

  private static final Map<String, Map<String, Kind>> SCHEMA = Map.of(
      "ticketHandoff", Map.of("enabled", Kind.BOOL, "dataSourceId", Kind.NULLABLE_ID, "triggers", Kind.TRIGGERS,
          "tags", Kind.STRINGS, "propertyMap", Kind.PROPERTY_MAP),
      "kbSync", Map.of("publishEnabled", Kind.BOOL, "publishParentPageId", Kind.NULLABLE_ID,
          "importEnabled", Kind.BOOL, "importSources", Kind.STRINGS, "defaultOwner", Kind.OWNER),
      "aiSource", Map.of("enabled", Kind.BOOL, "sources", Kind.STRINGS),
      "statusSync", Map.of("enabled", Kind.BOOL, "property", Kind.NAME, "map", Kind.STATUS_MAP));

  private final ObjectNode defaults;

  public SettingsPolicy(ObjectMapper mapper) {
    try {
      this.defaults = (ObjectNode) mapper.readTree(DEFAULTS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh copy of the default settings: every toggle off. */
  public ObjectNode defaults() {
    return defaults.deepCopy();
  }

  /** Validates a partial update; returns the field errors (empty when valid). */
  public List<FieldError> validate(JsonNode patch) {
    List<FieldError> errors = new ArrayList<>();
    if (patch == null || !patch.isObject()) {
      errors.add(new FieldError("$", "must be a JSON object"));
      return errors;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if ("enabled".equals(key)) {
        check(Kind.BOOL, key, e.getValue(), errors);
      } else if (SCHEMA.containsKey(key)) {
        validateSection(key, e.getValue(), errors);
      } else {
        errors.add(new FieldError(key, "unknown setting"));
      }
    }
    return errors;
  }

  private void validateSection(String section, JsonNode value, List<FieldError> errors) {
    if (!value.isObject()) {
      errors.add(new FieldError(section, "must be an object"));
      return;
    }
    Map<String, Kind> fields = SCHEMA.get(section);
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Kind kind = fields.get(e.getKey());
      String path = section + "." + e.getKey();
      if (kind == null) {
        errors.add(new FieldError(path, "unknown setting"));
      } else {
        check(kind, path, e.getValue(), errors);
      }
    }
  }

  private static void check(Kind kind, String path, JsonNode v, List<FieldError> errors) {
    switch (kind) {
      case BOOL -> require(v.isBoolean(), path, "must be true or false", errors);
      case NULLABLE_ID -> require(v.isNull() || (v.isTextual() && !v.asText().isBlank() && v.asText().length() <= 100),
          path, "must be a Notion id or null", errors);
      case NAME -> require(v.isTextual() && !v.asText().isBlank() && v.asText().length() <= 200,
          path, "must be a non-empty string", errors);
      case OWNER -> require(v.isTextual() && Set.of("notion", "fynedesk").contains(v.asText()),
          path, "must be \"notion\" or \"fynedesk\"", errors);
      case STRINGS -> checkStrings(path, v, null, errors);
      case TRIGGERS -> checkStrings(path, v, TRIGGERS, errors);
      case PROPERTY_MAP -> checkMap(path, v, errors, (key, val) ->
          !TICKET_FIELDS.contains(key) ? "unknown ticket field (one of " + String.join(", ", sorted(TICKET_FIELDS)) + ")"
              : !val.isTextual() || val.asText().isBlank() ? "must be a Notion property name" : null);
      case STATUS_MAP -> checkMap(path, v, errors, (key, val) -> statusTargetError(val));
      default -> throw new IllegalStateException();
    }
  }

  private static String statusTargetError(JsonNode val) {
    if (!val.isTextual()) {
      return "must be a ticket status or action:<reopen|escalate|close>";
    }
    String s = val.asText();
    if (TICKET_STATUSES.contains(s)) {
      return null;
    }
    if (s.startsWith("action:") && TICKET_ACTIONS.contains(s.substring("action:".length()))) {
      return null;
    }
    return "must be a ticket status (" + String.join(", ", sorted(TICKET_STATUSES))
        + ") or action:<reopen|escalate|close>";
  }

  private interface EntryCheck {
    String error(String key, JsonNode value);
  }

  private static void checkMap(String path, JsonNode v, List<FieldError> errors, EntryCheck check) {
    if (!v.isObject()) {
      errors.add(new FieldError(path, "must be an object"));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String err = e.getKey().isBlank() ? "key must not be empty" : check.error(e.getKey(), e.getValue());
      if (err != null) {
        errors.add(new FieldError(path + "." + e.getKey(), err));
      }
    }
  }

  private static void checkStrings(String path, JsonNode v, Set<String> allowed, List<FieldError> errors) {
    if (!v.isArray()) {
      errors.add(new FieldError(path, "must be an array of strings"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String itemPath = path + "[" + i + "]";
      if (!item.isTextual() || item.asText().isBlank()) {
        errors.add(new FieldError(itemPath, "must be a non-empty string"));
      } else if (allowed != null && !allowed.contains(item.asText())) {
        errors.add(new FieldError(itemPath, "must be one of " + String.join(", ", sorted(allowed))));
      } else if (!seen.add(item.asText())) {
        errors.add(new FieldError(itemPath, "duplicate value"));
      }
    }
  }

  private static void require(boolean ok, String path, String message, List<FieldError> errors) {
    if (!ok) {
      errors.add(new FieldError(path, message));
    }
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  /** Merges a validated patch into current settings (objects merge; listed keys replaced whole). */
  public ObjectNode merge(ObjectNode current, JsonNode patch) {
    ObjectNode result = current.deepCopy();
    mergeInto(result, patch);
    return result;
  }

  private static void mergeInto(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (e.getValue().isObject() && existing != null && existing.isObject() && !REPLACED_WHOLE.contains(e.getKey())) {
        mergeInto((ObjectNode) existing, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }
}
