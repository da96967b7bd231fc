package io.fynedesk.connector.simulator.notion;

import java.time.Instant;

/**
 * One request the simulator received, as recorded in its call log.
 *
 * @param at wall-clock time the request arrived (real time, not the simulator's clock).
 * @param token the bearer token, or null.
 * @param notionVersion the {@code Notion-Version} header, or null.
 * @param status the HTTP status answered (0 if the connection was dropped).
 */
public record RecordedCall(
    Instant at,
    String method,
    String path,
    String query,
    String notionVersion,
    String token,
    String contentType,
    String body,
    int status,
    String requestId) {

  /** Whether this call matches a method (null for any) and a path regex. */
  public boolean matches(String method, String pathRegex) {
    return (method == null || method.equalsIgnoreCase(this.method)) && path.matches(pathRegex);
  }
}
