package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which shared pages belong to an integration's selected sources: a source page and every page
 * below it, and every row of a source data source (or database). No sources: every shared page.
 */
final class SourceScope {

  private SourceScope() {}

  static List<JsonNode> select(List<JsonNode> pages, Set<String> sources) {
    if (sources.isEmpty()) {
      return pages;
    }
    Map<String, JsonNode> byId = new HashMap<>();
    pages.forEach(p -> byId.put(normalize(p.path("id").asText()), p));
    return pages.stream().filter(p -> inScope(p, byId, normalized(sources))).toList();
  }

  /** Whether a page, or an ancestor among {@code known} pages, is one of the sources. */
  static boolean inScope(JsonNode page, Map<String, JsonNode> known, Set<String> sources) {
    JsonNode current = page;
    for (int depth = 0; current != null && depth < 50; depth++) {
      if (sources.contains(normalize(current.path("id").asText()))) {
        return true;
      }
      JsonNode parent = current.path("parent");
      for (String key : new String[] {"data_source_id", "database_id"}) {
        if (parent.hasNonNull(key) && sources.contains(normalize(parent.get(key).asText()))) {
          return true;
        }
      }
      String parentPage = parent.path("page_id").asText(null);
      current = parentPage == null ? null : known.get(normalize(parentPage));
    }
    return false;
  }

  static Set<String> normalized(Set<String> ids) {
    return ids.stream().map(SourceScope::normalize).collect(Collectors.toSet());
  }

  /** Notion ids with or without dashes, any case, are the same id. */
  static String normalize(String id) {
    return id == null ? "" : id.replace("-", "").toLowerCase(Locale.ROOT);
  }
}
