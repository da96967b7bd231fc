package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The {@code aiSource} settings section: defaults, validation, and, when the org is connected, the
 * check that each of {@code sources} is a page or data source shared with the connection (as {@code
 * kbSync.importSources} is checked), so a typo is a 400 rather than an AI source that quietly
 * indexes nothing.
 */
@Component
@Order(3)
public class AiSourceSection extends FieldsSection<AiSourceSettings> {

  private static final String NAME = "aiSource";
  private static final ObjectNode DEFAULTS =
      SettingsFields.json(
          """
      { "enabled": false, "sources": [] }""");
  private static final Map<String, SettingsFields.FieldCheck> FIELDS =
      Map.of(
          "enabled", SettingsFields::bool,
          "sources", SettingsFields::strings);

  // Lazily: the client's 401 listener needs the connection store, which needs the sections.
  private final ObjectProvider<SharedResources> shared;

  /** Without Notion (unit tests of the policy): no check against Notion. */
  public AiSourceSection() {
    this(null);
  }

  @Autowired
  public AiSourceSection(ObjectProvider<SharedResources> shared) {
    super(NAME, DEFAULTS, Set.of("sources"), FIELDS);
    this.shared = shared;
  }

  @Override
  public Checked check(OrgConnection connection, JsonNode merged, JsonNode patch) {
    if (shared == null || !patch.path(NAME).has("sources")) {
      return Checked.OK;
    }
    List<FieldError> errors = new ArrayList<>();
    shared
        .getObject()
        .checkPagesOrDataSources(
            connection, NAME + ".sources", merged.path(NAME).path("sources"), errors);
    return Checked.errors(errors);
  }

  @Override
  public AiSourceSettings parse(JsonNode s) {
    return new AiSourceSettings(
        s.path("enabled").asBoolean(false), SettingsFields.list(s.path("sources")));
  }

  @Override
  public Class<AiSourceSettings> type() {
    return AiSourceSettings.class;
  }
}
