package io.fynedesk.connector.fynedesk;

import io.fynedesk.connector.web.ApiError;

/**
 * A FyneDesk REST call that failed; {@link #retryable()} tells Camel redelivery whether trying
 * again can help.
 */
public class FyneDeskApiException extends RuntimeException implements ApiError {

  /** Status used when no HTTP answer was received (connection refused, timeout, interrupted). */
  public static final int NO_RESPONSE = 0;

  private final int status;
  private final String body;
  private final boolean retryable;

  public FyneDeskApiException(
      int status, String body, boolean retryable, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.body = body;
    this.retryable = retryable;
  }

  /** An HTTP error answer: 5xx and 429 are retryable, other 4xx are not. */
  static FyneDeskApiException ofResponse(String call, int status, String body) {
    boolean retryable = status >= 500 || status == 429;
    return new FyneDeskApiException(
        status, body, retryable, call + " answered " + status + ": " + abbreviate(body), null);
  }

  /** No HTTP answer at all; always retryable. */
  static FyneDeskApiException ofNetwork(String call, Exception cause) {
    return new FyneDeskApiException(NO_RESPONSE, null, true, call + " failed: " + cause, cause);
  }

  /** HTTP status of FyneDesk's answer, or {@link #NO_RESPONSE}. */
  public int status() {
    return status;
  }

  /**
   * Stable code for the failure list: {@code fynedesk_<status>} or {@code fynedesk_unreachable}.
   */
  @Override
  public String code() {
    return status == NO_RESPONSE ? "fynedesk_unreachable" : "fynedesk_" + status;
  }

  /** Raw body of FyneDesk's answer (usually {@code application/problem+json}), or null. */
  public String body() {
    return body;
  }

  /** Whether the same call may succeed later (5xx, 429, network errors). */
  @Override
  public boolean retryable() {
    return retryable;
  }

  /**
   * Always false: a FyneDesk 401 concerns the connector's own service key, not an org's Notion
   * connection.
   */
  @Override
  public boolean unauthorized() {
    return false;
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
