package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.simulator.notion.SimModel.Token;
import java.util.List;
import java.util.Map;

/** A parsed API request handed to an endpoint: path parameters, query, JSON body, caller. */
record SimRequest(
    String method,
    String path,
    List<String> params,
    Map<String, String> query,
    JsonNode body,
    Token token,
    String version) {

  String param(int i) {
    return params.get(i);
  }

  /** {@code page_size} from the query or body: 1..100, default 100. */
  int pageSize() {
    String raw =
        query.containsKey("page_size")
            ? query.get("page_size")
            : body != null && body.has("page_size") ? body.get("page_size").asText() : null;
    if (raw == null) {
      return 100;
    }
    int size;
    try {
      size = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw SimError.validation("page_size should be a number, instead was `" + raw + "`.");
    }
    if (size < 1 || size > 100) {
      throw SimError.validation(
          "page_size should be ≤ `100` and ≥ `1`, instead was `" + size + "`.");
    }
    return size;
  }

  String cursor() {
    if (query.containsKey("start_cursor")) {
      return query.get("start_cursor");
    }
    return body != null && body.hasNonNull("start_cursor")
        ? body.get("start_cursor").asText()
        : null;
  }
}
