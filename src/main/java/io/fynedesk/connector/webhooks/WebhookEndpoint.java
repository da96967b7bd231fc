package io.fynedesk.connector.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/notionwebhook} (operators only): shows the webhook signing key in full, so an
 * operator can paste it into Notion's "Verify subscription", and clears a captured one.
 */
@Component
@Endpoint(id = "notionwebhook")
public class WebhookEndpoint {

  private final WebhookKeys keys;

  WebhookEndpoint(WebhookKeys keys) {
    this.keys = keys;
  }

  /** The key in use, where it comes from, and the latest handshakes received. */
  @ReadOperation
  public Map<String, Object> show() {
    Map<String, Object> body = new LinkedHashMap<>();
    WebhookKeys.Source source = keys.source();
    body.put("source", source.name().toLowerCase());
    body.put("verificationToken", keys.current().orElse(null));
    body.put("capturedAt", keys.captured().map(k -> k.at().toInstant().toString()).orElse(null));
    List<Map<String, String>> handshakes =
        keys.handshakes(10).stream()
            .map(
                k ->
                    Map.of(
                        "verificationToken",
                        k.token(),
                        "receivedAt",
                        k.at().toInstant().toString()))
            .toList();
    body.put("handshakes", handshakes);
    return body;
  }

  /** Forgets the captured key; the next handshake becomes the key. The configured one stays. */
  @DeleteOperation
  public Map<String, Object> clear() {
    boolean cleared = keys.clear();
    return Map.of("cleared", cleared, "source", keys.source().name().toLowerCase());
  }
}
