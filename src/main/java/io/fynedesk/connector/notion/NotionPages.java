package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** Reads Notion page and data-source objects as the API returns them. */
public final class NotionPages {

  private NotionPages() {}

  /**
   * Plain title of a page (its title property) or a data source / database ({@code title} array).
   */
  public static String titleOf(JsonNode object) {
    if (object.has("title") && object.get("title").isArray()) {
      return plain(object.get("title"));
    }
    for (Iterator<JsonNode> it = object.path("properties").elements(); it.hasNext(); ) {
      JsonNode p = it.next();
      if ("title".equals(p.path("type").asText())) {
        return plain(p.path("title"));
      }
    }
    return "";
  }

  private static String plain(JsonNode richText) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode t : richText) {
      sb.append(
          t.has("plain_text")
              ? t.get("plain_text").asText()
              : t.path("text").path("content").asText());
    }
    return sb.toString();
  }
}
