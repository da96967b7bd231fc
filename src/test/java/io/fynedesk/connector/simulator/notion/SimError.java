package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Notion error answer the simulator gives: {@code {"object":"error","status","code","message"}}.
 */
final class SimError extends RuntimeException {

  final int status;
  final String code;
  final Integer retryAfterSeconds;
  final ObjectNode additionalData;

  SimError(int status, String code, String message) {
    this(status, code, message, null, null);
  }

  SimError(
      int status,
      String code,
      String message,
      Integer retryAfterSeconds,
      ObjectNode additionalData) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.additionalData = additionalData;
  }

  static SimError validation(String message) {
    return new SimError(400, "validation_error", message);
  }

  static SimError notFound(String id) {
    return new SimError(
        404,
        "object_not_found",
        "Could not find object with ID: "
            + id
            + ". Make sure the relevant pages and databases are shared with your integration.");
  }

  static SimError unauthorized() {
    return new SimError(401, "unauthorized", "API token is invalid.");
  }

  static SimError invalidUrl(String method, String path) {
    return new SimError(400, "invalid_request_url", "Invalid request URL: " + method + " " + path);
  }
}
