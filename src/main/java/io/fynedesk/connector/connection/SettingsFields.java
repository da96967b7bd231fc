package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Validation and reading helpers that settings sections share, so each reports errors alike. */
public final class SettingsFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SettingsFields() {}

  /** A check of one field's value; adds its errors under the given path. */
  @FunctionalInterface
  public interface FieldCheck {
    void check(String path, JsonNode value, List<FieldError> errors);
  }

  /** Parses a section's defaults written as JSON text. */
  public static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException("bad settings defaults", e);
    }
  }

  /**
   * Validates a section patch against its fields: not an object, or an unknown key, is an error.
   */
  public static List<FieldError> section(
      String section, JsonNode value, Map<String, FieldCheck> fields) {
    List<FieldError> errors = new ArrayList<>();
    if (!value.isObject()) {
      errors.add(new FieldError(section, "must be an object"));
      return errors;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      FieldCheck check = fields.get(e.getKey());
      String path = section + "." + e.getKey();
      if (check == null) {
        errors.add(new FieldError(path, "unknown setting"));
      } else {
        check.check(path, e.getValue(), errors);
      }
    }
    return errors;
  }

  public static void bool(String path, JsonNode v, List<FieldError> errors) {
    require(v.isBoolean(), path, "must be true or false", errors);
  }

  public static void nullableId(String path, JsonNode v, List<FieldError> errors) {
    require(
        v.isNull() || (v.isTextual() && !v.asText().isBlank() && v.asText().length() <= 100),
        path,
        "must be a Notion id or null",
        errors);
  }

  public static void name(String path, JsonNode v, List<FieldError> errors) {
    require(
        v.isTextual() && !v.asText().isBlank() && v.asText().length() <= 200,
        path,
        "must be a non-empty string",
        errors);
  }

  public static void strings(String path, JsonNode v, List<FieldError> errors) {
    strings(path, v, null, errors);
  }

  /** An array of distinct non-empty strings, each one of {@code allowed} unless that is null. */
  public static void strings(
      String path, JsonNode v, Set<String> allowed, List<FieldError> errors) {
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
        errors.add(
            new FieldError(itemPath, "must be one of " + String.join(", ", sorted(allowed))));
      } else if (!seen.add(item.asText())) {
        errors.add(new FieldError(itemPath, "duplicate value"));
      }
    }
  }

  /** A map whose entries {@code entryError} judges (null when fine); empty keys are refused. */
  public static void map(
      String path,
      JsonNode v,
      List<FieldError> errors,
      BiFunction<String, JsonNode, String> entryError) {
    if (!v.isObject()) {
      errors.add(new FieldError(path, "must be an object"));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String err =
          e.getKey().isBlank()
              ? "key must not be empty"
              : entryError.apply(e.getKey(), e.getValue());
      if (err != null) {
        errors.add(new FieldError(path + "." + e.getKey(), err));
      }
    }
  }

  public static void require(boolean ok, String path, String message, List<FieldError> errors) {
    if (!ok) {
      errors.add(new FieldError(path, message));
    }
  }

  public static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  /** The text of a field, or null when it is null or missing. */
  public static String text(JsonNode section, String field) {
    JsonNode v = section.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  /** An immutable list of the array's texts. */
  public static List<String> list(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  /** An immutable map of the object's texts, in the document's order. */
  public static Map<String, String> textMap(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return Collections.unmodifiableMap(out);
  }
}
