package io.fynedesk.connector.notion;

import java.time.Duration;

/**
 * Retry and timeout tuning of {@link NotionClient}; tests shrink the delays.
 *
 * @param maxAttempts tries in total for 5xx and network failures of idempotent calls (GET, DELETE).
 * @param maxRateLimitedAttempts tries in total when Notion answers 429 or 529 (any method).
 * @param baseDelay first backoff delay when Notion gives no {@code Retry-After}; doubles per try.
 * @param maxDelay cap of one backoff delay (also of a {@code Retry-After} wait).
 * @param connectTimeout TCP connect timeout.
 * @param requestTimeout time to wait for one answer; Notion itself gives up after 60 s.
 */
public record NotionClientSettings(
    int maxAttempts,
    int maxRateLimitedAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration connectTimeout,
    Duration requestTimeout) {

  /** Defaults modelled on the official SDK: 3 tries, 1 s base, 60 s cap; 6 tries for 429/529. */
  public static NotionClientSettings defaults() {
    return new NotionClientSettings(
        3,
        6,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(70));
  }

  public NotionClientSettings {
    if (maxAttempts < 1 || maxRateLimitedAttempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** A copy with other backoff delays. */
  public NotionClientSettings withDelays(Duration base, Duration max) {
    return new NotionClientSettings(
        maxAttempts, maxRateLimitedAttempts, base, max, connectTimeout, requestTimeout);
  }

  /** A copy with other attempt counts. */
  public NotionClientSettings withAttempts(int attempts, int rateLimitedAttempts) {
    return new NotionClientSettings(
        attempts, rateLimitedAttempts, baseDelay, maxDelay, connectTimeout, requestTimeout);
  }
}
