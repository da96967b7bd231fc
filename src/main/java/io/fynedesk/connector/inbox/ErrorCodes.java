package io.fynedesk.connector.inbox;

import io.fynedesk.connector.web.ApiError;
import java.io.IOException;

/** Stable error codes of failures: Notion's or FyneDesk's code when the exception carries one. */
final class ErrorCodes {

  private ErrorCodes() {}

  static String codeOf(Throwable t) {
    if (t instanceof ApiError api) {
      return api.code();
    }
    if (t instanceof IOException) {
      return "network_error";
    }
    return t == null ? "unknown" : "internal_error";
  }
}
