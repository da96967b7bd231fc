package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.FieldsSection;
import io.fynedesk.connector.connection.SettingsFields;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code kbSync} settings section: defaults and validation (the sync itself is not built yet).
 */
@Component
@Order(2)
public class KbSyncSection extends FieldsSection<KbSyncSettings> {

  private static final String NAME = "kbSync";
  private static final ObjectNode DEFAULTS =
      SettingsFields.json(
          """
      { "publishEnabled": false, "publishParentPageId": null,
        "importEnabled": false, "importSources": [], "defaultOwner": "fynedesk" }""");
  private static final Map<String, SettingsFields.FieldCheck> FIELDS =
      Map.of(
          "publishEnabled", SettingsFields::bool,
          "publishParentPageId", SettingsFields::nullableId,
          "importEnabled", SettingsFields::bool,
          "importSources", SettingsFields::strings,
          "defaultOwner",
              (p, v, e) ->
                  SettingsFields.require(
                      v.isTextual() && Set.of("notion", "fynedesk").contains(v.asText()),
                      p,
                      "must be \"notion\" or \"fynedesk\"",
                      e));

  public KbSyncSection() {
    super(NAME, DEFAULTS, Set.of("importSources"), FIELDS);
  }

  @Override
  public KbSyncSettings parse(JsonNode s) {
    return new KbSyncSettings(
        s.path("publishEnabled").asBoolean(false),
        SettingsFields.text(s, "publishParentPageId"),
        s.path("importEnabled").asBoolean(false),
        SettingsFields.list(s.path("importSources")),
        s.path("defaultOwner").asText("fynedesk"));
  }

  @Override
  public Class<KbSyncSettings> type() {
    return KbSyncSettings.class;
  }
}
