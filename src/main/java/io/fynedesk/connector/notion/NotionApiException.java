package io.fynedesk.connector.notion;

import io.fynedesk.connector.web.ApiError;
import java.time.Duration;

/**
 * An error answer of Notion's API (or a transport failure), with Notion's error code.
 *
 * <p>{@link #retryable()} tells the caller (for example Camel redelivery) whether sending the same
 * request again later may succeed: 409, 429, 5xx, 529, non-JSON edge errors and network failures.
 *
 * @see <a href="https://developers.notion.com/reference/status-codes">Notion status codes</a>
 */
public class NotionApiException extends RuntimeException implements ApiError {

  /** Code used for error bodies that are not Notion JSON, e.g. a 502 page from the edge. */
  public static final String UNKNOWN_HTTP_RESPONSE = "unknown_http_response";

  /** Code used when no HTTP answer arrived (connection refused or reset, timeout). */
  public static final String NETWORK_ERROR = "network_error";

  private final int status;
  private final String notionMessage;
  private final String code;
  private final String requestId;
  private final boolean retryable;
  private final Duration retryAfter;

  public NotionApiException(
      int status,
      String code,
      String message,
      String requestId,
      boolean retryable,
      Duration retryAfter) {
    this(status, code, message, requestId, retryable, retryAfter, null);
  }

  public NotionApiException(
      int status,
      String code,
      String message,
      String requestId,
      boolean retryable,
      Duration retryAfter,
      Throwable cause) {
    super(status + " " + code + ": " + message, cause);
    this.status = status;
    this.notionMessage = message;
    this.code = code;
    this.requestId = requestId;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** HTTP status, or 0 when no answer arrived. */
  public int status() {
    return status;
  }

  /**
   * Notion's error code, e.g. {@code validation_error}, {@code object_not_found}, {@code
   * rate_limited}.
   */
  public String code() {
    return code;
  }

  /** Notion's own {@code message}, without status and code. */
  public String notionMessage() {
    return notionMessage;
  }

  /** Notion's {@code request_id} (or {@code x-notion-request-id} header), if any. */
  public String requestId() {
    return requestId;
  }

  /** Whether the same request may succeed when sent again later. */
  public boolean retryable() {
    return retryable;
  }

  /** The {@code Retry-After} Notion asked for, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean unauthorized() {
    return false;
  }
}
