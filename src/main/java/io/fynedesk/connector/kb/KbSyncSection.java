package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.FieldsSection;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.SettingsFields;
import io.fynedesk.connector.connection.SharedResources;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code kbSync} settings section: defaults, validation, and the check against Notion when the
 * org is connected ({@code publishParentPageId} a shared page, each of {@code importSources} a
 * shared page or data source). The data sources among the import sources are stored as {@code
 * importDataSources} (derived, not patchable), which the backstop watches.
 */
@Component
@Order(2)
public class KbSyncSection extends FieldsSection<KbSyncSettings> {

  private static final String NAME = "kbSync";
  private static final String DERIVED = "importDataSources";
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

  // Lazily: the client's 401 listener needs the connection store, which needs the sections.
  private final ObjectProvider<SharedResources> shared;

  /** Without Notion (unit tests of the policy): no check against Notion. */
  public KbSyncSection() {
    this(null);
  }

  @Autowired
  public KbSyncSection(ObjectProvider<SharedResources> shared) {
    super(NAME, DEFAULTS, Set.of("importSources", DERIVED), FIELDS);
    this.shared = shared;
  }

  @Override
  public KbSyncSettings parse(JsonNode s) {
    return new KbSyncSettings(
        s.path("publishEnabled").asBoolean(false),
        SettingsFields.text(s, "publishParentPageId"),
        s.path("importEnabled").asBoolean(false),
        SettingsFields.list(s.path("importSources")),
        s.path("defaultOwner").asText("fynedesk"),
        SettingsFields.list(s.path(DERIVED)));
  }

  @Override
  public Class<KbSyncSettings> type() {
    return KbSyncSettings.class;
  }

  /** The data sources among the import sources: the backstop watches their rows. */
  @Override
  public List<String> watchedDataSources(KbSyncSettings settings) {
    return settings.importEnabled() ? settings.importDataSources() : List.of();
  }

  @Override
  public Checked check(OrgConnection connection, JsonNode merged, JsonNode patch) {
    JsonNode kb = patch.path(NAME);
    if (shared == null) {
      return Checked.OK;
    }
    List<FieldError> errors = new ArrayList<>();
    JsonNode parent = merged.path(NAME).path("publishParentPageId");
    SharedResources notion = shared.getObject();
    if (kb.has("publishParentPageId") && parent.isTextual()) {
      if (!notion.isPage(connection, parent.asText())) {
        errors.add(
            new FieldError(
                "kbSync.publishParentPageId", "not a page shared with the Notion connection"));
      }
    }
    if (!kb.has("importSources")) {
      return Checked.errors(errors);
    }
    ArrayNode dataSources = JsonNodeFactory.instance.arrayNode();
    notion
        .checkPagesOrDataSources(
            connection, "kbSync.importSources", merged.path(NAME).path("importSources"), errors)
        .forEach(dataSources::add);
    return new Checked(errors, Map.of(DERIVED, dataSources));
  }
}
