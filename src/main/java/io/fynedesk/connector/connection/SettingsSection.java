package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One feature's section of the connection settings document (CONTRACT §4), contributed as a bean:
 * its defaults, the validation of a partial update with field paths, its typed record, and the
 * check against Notion when the org is connected. {@link SettingsPolicy} collects every section.
 *
 * @param <T> the section's typed, immutable settings record
 */
public interface SettingsSection<T> {

  /** The section's key in the settings document, e.g. {@code ticketHandoff}. */
  String name();

  /** The section's defaults (every toggle off); callers get a fresh copy. */
  ObjectNode defaults();

  /** Keys of this section whose array or map value a PATCH replaces whole instead of merging. */
  Set<String> replacedWhole();

  /** Validates the section's part of a PATCH (an object); paths start with {@link #name()}. */
  List<FieldError> validate(JsonNode patch);

  /** The typed record of a complete (merged with defaults) section. */
  T parse(JsonNode section);

  /** The typed record's class, the key under which {@link OrgSettings} holds it. */
  Class<T> type();

  /**
   * Checks the merged settings against Notion when the org is connected. Never mutates: values the
   * section resolves (e.g. a database id to its data source id) are returned for the policy to
   * apply.
   */
  default Checked check(OrgConnection connection, JsonNode merged, JsonNode patch) {
    return Checked.OK;
  }

  /**
   * Notion data sources this section links to the org (e.g. the hand-off's), whose pages the
   * backstop watches for changes webhooks missed.
   */
  default List<String> watchedDataSources(T settings) {
    return List.of();
  }

  /**
   * The outcome of a check.
   *
   * @param errors field errors (empty when the settings are fine)
   * @param resolved values of this section's fields to store instead of the given ones
   */
  record Checked(List<FieldError> errors, Map<String, JsonNode> resolved) {

    /** Nothing wrong, nothing resolved. */
    public static final Checked OK = new Checked(List.of(), Map.of());

    public Checked {
      errors = List.copyOf(errors);
      resolved = Map.copyOf(resolved);
    }

    public static Checked errors(List<FieldError> errors) {
      return new Checked(errors, Map.of());
    }
  }
}
