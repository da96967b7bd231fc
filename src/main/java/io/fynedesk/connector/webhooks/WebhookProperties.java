package io.fynedesk.connector.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Processing of stored Notion webhook events ({@code connector.webhooks.*}).
 *
 * @param debounce an entity's events are processed once no delivery about it arrived for this long;
 *     the older ones are folded into the newest (Notion sends bursts of edits as several events)
 * @param pollDelayMs how often each replica looks for events to process, in milliseconds
 */
@ConfigurationProperties(prefix = "connector.webhooks")
public record WebhookProperties(Duration debounce, Long pollDelayMs) {

  public WebhookProperties {
    debounce = debounce == null ? Duration.ofSeconds(1) : debounce;
    pollDelayMs = pollDelayMs == null ? 250L : pollDelayMs;
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("connector.webhooks.debounce must not be negative");
    }
  }
}
