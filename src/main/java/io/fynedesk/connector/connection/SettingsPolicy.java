package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The connection settings document (CONTRACT §4) as the sum of its sections: the master toggle plus
 * each feature's {@link SettingsSection} (defaults, validation with field paths, typed record), and
 * the merge rule (objects merge; each section's listed arrays and maps are replaced whole).
 */
@Component
public final class SettingsPolicy {

  private static final String MASTER = "enabled";

  private final Map<String, SettingsSection<?>> sections = new LinkedHashMap<>();
  private final Set<String> replacedWhole = new HashSet<>();
  private final ObjectNode defaults = JsonNodeFactory.instance.objectNode();

  public SettingsPolicy(List<SettingsSection<?>> sections) {
    defaults.put(MASTER, false);
    for (SettingsSection<?> s : sections) {
      if (this.sections.put(s.name(), s) != null || MASTER.equals(s.name())) {
        throw new IllegalStateException("two settings sections named " + s.name());
      }
      replacedWhole.addAll(s.replacedWhole());
      defaults.set(s.name(), s.defaults().deepCopy());
    }
  }

  /** The sections, in document order. */
  public List<SettingsSection<?>> sections() {
    return List.copyOf(sections.values());
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
      SettingsSection<?> section = sections.get(key);
      if (MASTER.equals(key)) {
        SettingsFields.bool(key, e.getValue(), errors);
      } else if (section != null) {
        errors.addAll(section.validate(e.getValue()));
      } else {
        errors.add(new FieldError(key, "unknown setting"));
      }
    }
    return errors;
  }

  /** Merges a validated patch into current settings (objects merge; listed keys replaced whole). */
  public ObjectNode merge(ObjectNode current, JsonNode patch) {
    ObjectNode result = current.deepCopy();
    mergeInto(result, patch);
    return result;
  }

  private void mergeInto(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (e.getValue().isObject()
          && existing != null
          && existing.isObject()
          && !replacedWhole.contains(e.getKey())) {
        mergeInto((ObjectNode) existing, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** The typed settings of a complete (merged with defaults) document. */
  public OrgSettings parse(ObjectNode settings) {
    Map<Class<?>, Object> typed = new LinkedHashMap<>();
    Set<String> watched = new LinkedHashSet<>();
    for (SettingsSection<?> s : sections.values()) {
      typed.put(s.type(), parseInto(s, settings.path(s.name()), watched));
    }
    return new OrgSettings(settings.path(MASTER).asBoolean(false), typed, List.copyOf(watched));
  }

  private static <T> T parseInto(SettingsSection<T> section, JsonNode json, Set<String> watched) {
    T parsed = section.parse(json);
    watched.addAll(section.watchedDataSources(parsed));
    return parsed;
  }

  /**
   * Checks merged settings against Notion, section by section, and returns the document to store
   * (with the values the sections resolved); field errors are thrown as one validation problem.
   */
  public Checked check(OrgConnection connection, ObjectNode merged, JsonNode patch) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode result = merged.deepCopy();
    for (SettingsSection<?> s : sections.values()) {
      SettingsSection.Checked c = s.check(connection, merged, patch);
      errors.addAll(c.errors());
      c.resolved()
          .forEach(
              (field, value) -> ((ObjectNode) result.path(s.name())).set(field, value.deepCopy()));
    }
    return new Checked(result, errors);
  }

  /** Settings to store and the field errors found by the sections' checks. */
  public record Checked(ObjectNode settings, List<FieldError> errors) {}
}
