package io.fynedesk.connector.notion;

import java.time.Duration;

/**
 * Notion still answered 429 or 529 after the client's retries; retry after {@link #retryAfter()}.
 */
public class NotionRateLimitedException extends NotionApiException {

  public NotionRateLimitedException(
      int status, String code, String message, String requestId, Duration retryAfter) {
    super(status, code, message, requestId, true, retryAfter);
  }
}
