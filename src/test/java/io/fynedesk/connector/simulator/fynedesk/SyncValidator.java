package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.ArticleSync;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Checks an article's {@code sync} object as FyneDesk would (CONTRACT §2), answering 400 otherwise.
 */
final class SyncValidator {

  private static final Set<String> FIELDS =
      Set.of("owner", "readOnly", "badge", "notionPageId", "notionUrl", "lastSyncedAt", "warnings");
  private static final Set<String> OWNERS =
      Set.of(ArticleSync.OWNER_NOTION, ArticleSync.OWNER_FYNEDESK);
  private static final Set<String> BADGES =
      Set.of(ArticleSync.BADGE_EDITED_IN_NOTION, ArticleSync.BADGE_EDITED_IN_FYNEDESK);

  private SyncValidator() {}

  /** The sync node to store: a copy of a valid object, or null when absent. */
  static JsonNode valid(JsonNode sync) {
    if (sync == null || sync.isNull()) {
      return NullNode.getInstance();
    }
    if (!(sync instanceof ObjectNode object)) {
      throw ProblemException.invalid("sync must be an object");
    }
    Set<String> unknown = new HashSet<>();
    object.fieldNames().forEachRemaining(unknown::add);
    unknown.removeAll(FIELDS);
    check(unknown.isEmpty(), "sync has unknown fields " + unknown);
    check(OWNERS.contains(object.path("owner").asText()), "sync.owner must be notion or fynedesk");
    check(
        !object.has("readOnly") || object.get("readOnly").isBoolean(),
        "sync.readOnly must be a boolean");
    JsonNode badge = object.get("badge");
    check(
        badge == null || badge.isNull() || BADGES.contains(badge.asText()),
        "sync.badge is not a known badge");
    for (String field : Arrays.asList("notionPageId", "notionUrl", "lastSyncedAt")) {
      JsonNode value = object.get(field);
      check(
          value == null || value.isNull() || value.isTextual(),
          "sync." + field + " must be a string");
    }
    if (object.hasNonNull("lastSyncedAt")) {
      try {
        Instant.parse(object.get("lastSyncedAt").asText());
      } catch (DateTimeParseException e) {
        throw ProblemException.invalid("sync.lastSyncedAt must be an ISO-8601 instant");
      }
    }
    JsonNode warnings = object.get("warnings");
    check(
        warnings == null || warnings.isNull() || warnings.isArray(),
        "sync.warnings must be an array");
    if (warnings != null && warnings.isArray()) {
      for (Iterator<JsonNode> it = warnings.elements(); it.hasNext(); ) {
        check(it.next().isTextual(), "sync.warnings must be strings");
      }
    }
    return object.deepCopy();
  }

  private static void check(boolean condition, String detail) {
    if (!condition) {
      throw ProblemException.invalid(detail);
    }
  }
}
