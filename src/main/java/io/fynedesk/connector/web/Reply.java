package io.fynedesk.connector.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an HTTP-facing bean answers: a status, a JSON-serializable body (null for none) and extra
 * response headers. The {@code replies} bean writes it to the HTTP response.
 *
 * @param status HTTP status
 * @param body JSON body, or null for an empty body
 * @param contentType media type of the body
 * @param headers extra response headers
 */
public record Reply(int status, Object body, String contentType, Map<String, String> headers) {

  public static Reply json(int status, Object body) {
    return new Reply(status, body, "application/json", Map.of());
  }

  public static Reply ok(Object body) {
    return json(200, body);
  }

  public static Reply noContent() {
    return new Reply(204, null, null, Map.of());
  }

  public static Reply redirect(String location) {
    return new Reply(302, null, null, Map.of("Location", location));
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, body, contentType, Map.copyOf(h));
  }
}
