package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionList;
import io.fynedesk.connector.notion.NotionPages;
import io.fynedesk.connector.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Lists what Notion shared with an org's connection (pages and data sources), for the settings
 * page.
 */
@Service
public class NotionResources {

  private final NotionClient notion;
  private final NotionAccess access;

  NotionResources(NotionClient notion, NotionAccess access) {
    this.notion = notion.urgent();
    this.access = access;
  }

  /** One shared object. */
  public record Resource(String id, String type, String title, String url) {}

  /** One page of search results. */
  public record Page(List<Resource> results, String nextCursor) {}

  public Page list(String orgId, String query, String type, String cursor) {
    if (type != null && !type.isBlank() && !type.equals("page") && !type.equals("data_source")) {
      throw ProblemException.validation("type", "must be page or data_source");
    }
    NotionAuth auth = access.require(orgId);
    String from = cursor == null || cursor.isBlank() ? null : cursor;
    NotionList found;
    try {
      found =
          notion.search(
              auth,
              query == null || query.isBlank() ? null : query,
              type == null || type.isBlank() ? null : type,
              from,
              100);
    } catch (NotionApiException e) {
      // Notion refuses a cursor it did not hand out for this search (400 validation_error): the
      // caller's input, not an upstream failure.
      if (from != null && e.status() == 400 && "validation_error".equals(e.code())) {
        throw ProblemException.validation(
            "cursor", "must be the nextCursor of the previous page of the same query and type");
      }
      throw e;
    }
    List<Resource> results = new ArrayList<>();
    for (JsonNode r : found.results()) {
      String object = r.path("object").asText();
      String kind = "page".equals(object) ? "page" : "data_source";
      results.add(
          new Resource(
              r.path("id").asText(), kind, NotionPages.titleOf(r), r.path("url").asText(null)));
    }
    return new Page(results, found.hasMore() ? found.nextCursor() : null);
  }

  /** Response body shape of the resources call. */
  public static Map<String, Object> body(Page page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("results", page.results());
    body.put("nextCursor", page.nextCursor());
    return body;
  }
}
