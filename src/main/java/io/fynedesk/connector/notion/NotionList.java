package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One page of a Notion list response ({@code results}, {@code next_cursor}, {@code has_more}). */
public record NotionList(List<JsonNode> results, String nextCursor, boolean hasMore) {

  public NotionList {
    results = List.copyOf(results);
  }
}
