package io.fynedesk.connector.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.FieldsSection;
import io.fynedesk.connector.connection.SettingsFields;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The {@code statusSync} settings section: defaults and validation. */
@Component
@Order(4)
public class StatusSyncSection extends FieldsSection<StatusSyncSettings> {

  /** Ticket statuses a status map may set. */
  public static final Set<String> TICKET_STATUSES =
      Set.of("new", "open", "pending", "on_hold", "solved", "closed");

  /** Ticket actions a status map may run. */
  public static final Set<String> TICKET_ACTIONS = Set.of("reopen", "escalate", "close");

  static final String NAME = "statusSync";
  private static final ObjectNode DEFAULTS =
      SettingsFields.json(
          """
      { "enabled": false, "property": "Status", "map": { "Done": "solved", "Reopened": "action:reopen" } }""");
  private static final Map<String, SettingsFields.FieldCheck> FIELDS =
      Map.of(
          "enabled", SettingsFields::bool,
          "property", SettingsFields::name,
          "map", (p, v, e) -> SettingsFields.map(p, v, e, (key, val) -> targetError(val)));

  public StatusSyncSection() {
    super(NAME, DEFAULTS, Set.of("map"), FIELDS);
  }

  @Override
  public StatusSyncSettings parse(JsonNode s) {
    return new StatusSyncSettings(
        s.path("enabled").asBoolean(false),
        s.path("property").asText("Status"),
        SettingsFields.textMap(s.path("map")));
  }

  @Override
  public Class<StatusSyncSettings> type() {
    return StatusSyncSettings.class;
  }

  private static String targetError(JsonNode val) {
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
    return "must be a ticket status ("
        + String.join(", ", SettingsFields.sorted(TICKET_STATUSES))
        + ") or action:<reopen|escalate|close>";
  }
}
