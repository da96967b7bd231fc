package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fynedesk.connector.connection.FieldsSection;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.SettingsFields;
import io.fynedesk.connector.connection.SharedResources;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code ticketHandoff} settings section. When a connected org changes its hand-off target or
 * property map, checks them against Notion: the data source must be shared, and each mapped
 * property must exist in its schema.
 */
@Component
@Order(1)
public class HandoffSection extends FieldsSection<HandoffSettings> {

  /** Ticket fields a property map may name. */
  public static final Set<String> TICKET_FIELDS =
      Set.of(
          "priority",
          "status",
          "tags",
          "category",
          "assignee",
          "requester",
          "number",
          "url",
          "createdAt");

  /** Hand-off triggers. */
  public static final Set<String> TRIGGERS = Set.of("created", "escalated", "tagged");

  private static final String NAME = "ticketHandoff";
  private static final ObjectNode DEFAULTS =
      SettingsFields.json(
          """
      { "enabled": false, "dataSourceId": null, "triggers": ["created"], "tags": [],
        "propertyMap": { "priority": "Priority", "status": "Status", "tags": "Tags" } }""");
  private static final Map<String, SettingsFields.FieldCheck> FIELDS =
      Map.of(
          "enabled", SettingsFields::bool,
          "dataSourceId", SettingsFields::nullableId,
          "triggers", (p, v, e) -> SettingsFields.strings(p, v, TRIGGERS, e),
          "tags", SettingsFields::strings,
          "propertyMap",
              (p, v, e) ->
                  SettingsFields.map(
                      p,
                      v,
                      e,
                      (key, val) ->
                          !TICKET_FIELDS.contains(key)
                              ? "unknown ticket field (one of "
                                  + String.join(", ", SettingsFields.sorted(TICKET_FIELDS))
                                  + ")"
                              : !val.isTextual() || val.asText().isBlank()
                                  ? "must be a Notion property name"
                                  : null));

  // Lazily: the schemas reach Notion through the client, whose 401 listener needs the connection
  // store.
  private final ObjectProvider<DataSourceSchemas> schemas;

  public HandoffSection(ObjectProvider<DataSourceSchemas> schemas) {
    super(NAME, DEFAULTS, Set.of("triggers", "tags", "propertyMap"), FIELDS);
    this.schemas = schemas;
  }

  @Override
  public HandoffSettings parse(JsonNode s) {
    return new HandoffSettings(
        s.path("enabled").asBoolean(false),
        SettingsFields.text(s, "dataSourceId"),
        SettingsFields.list(s.path("triggers")),
        SettingsFields.list(s.path("tags")),
        SettingsFields.textMap(s.path("propertyMap")));
  }

  @Override
  public Class<HandoffSettings> type() {
    return HandoffSettings.class;
  }

  /**
   * The hand-off data source: the backstop watches its pages (ticket status changes webhooks
   * missed).
   */
  @Override
  public List<String> watchedDataSources(HandoffSettings settings) {
    return settings.dataSourceId() == null ? List.of() : List.of(settings.dataSourceId());
  }

  @Override
  public Checked check(OrgConnection connection, JsonNode merged, JsonNode patch) {
    JsonNode handoffPatch = patch.path(NAME);
    if (!handoffPatch.has("dataSourceId") && !handoffPatch.has("propertyMap")) {
      return Checked.OK;
    }
    JsonNode id = merged.path(NAME).path("dataSourceId");
    if (id.isNull() || id.isMissingNode()) {
      return Checked.OK;
    }
    DataSourceSchemas schemas = this.schemas.getObject();
    schemas.evict(connection.orgId());
    JsonNode properties;
    String dataSourceId;
    try {
      properties = schemas.properties(connection.auth(), id.asText());
      dataSourceId = schemas.dataSourceId(connection.auth(), id.asText());
    } catch (NotionApiException e) {
      SharedResources.requireReachable(e);
      return Checked.errors(
          List.of(
              new FieldError(
                  "ticketHandoff.dataSourceId",
                  "not a data source or database shared with the Notion connection")));
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = merged.path(NAME).path("propertyMap").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!properties.has(e.getValue().asText())) {
        errors.add(
            new FieldError(
                "ticketHandoff.propertyMap." + e.getKey(),
                "the data source has no property named \"" + e.getValue().asText() + "\""));
      }
    }
    return new Checked(errors, Map.of("dataSourceId", TextNode.valueOf(dataSourceId)));
  }
}
