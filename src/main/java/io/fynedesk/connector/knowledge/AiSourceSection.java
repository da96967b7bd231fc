package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.FieldsSection;
import io.fynedesk.connector.connection.SettingsFields;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code aiSource} settings section: defaults and validation (the AI source is not built yet).
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

  public AiSourceSection() {
    super(NAME, DEFAULTS, Set.of("sources"), FIELDS);
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
