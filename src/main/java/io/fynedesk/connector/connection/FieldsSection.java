package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A settings section described by its name, defaults, replaced-whole keys and one check per field:
 * the common part of every {@link SettingsSection}, so a feature's section only parses (and checks
 * against Notion, if it must).
 *
 * @param <T> the section's typed, immutable settings record
 */
public abstract class FieldsSection<T> implements SettingsSection<T> {

  private final String name;
  private final ObjectNode defaults;
  private final Set<String> replacedWhole;
  private final Map<String, SettingsFields.FieldCheck> fields;

  protected FieldsSection(
      String name,
      ObjectNode defaults,
      Set<String> replacedWhole,
      Map<String, SettingsFields.FieldCheck> fields) {
    this.name = name;
    this.defaults = defaults;
    this.replacedWhole = Set.copyOf(replacedWhole);
    this.fields = Map.copyOf(fields);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final ObjectNode defaults() {
    return defaults.deepCopy();
  }

  @Override
  public final Set<String> replacedWhole() {
    return replacedWhole;
  }

  @Override
  public final List<FieldError> validate(JsonNode patch) {
    return SettingsFields.section(name, patch, fields);
  }
}
