package io.fynedesk.connector.fynedesk;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the FyneDesk side.
 *
 * @param api FyneDesk REST API the connector calls.
 * @param events inbound event settings.
 * @param settingsUrl where the OAuth callback sends the admin's browser back.
 */
@ConfigurationProperties(prefix = "fynedesk")
public record FyneDeskProperties(Api api, Events events, String settingsUrl) {

  public FyneDeskProperties {
    api = api == null ? new Api(null, null) : api;
    events = events == null ? new Events(null) : events;
  }

  /**
   * FyneDesk REST API.
   *
   * @param baseUrl base URL of FyneDesk's REST API.
   * @param token bearer token the connector presents to FyneDesk.
   */
  public record Api(String baseUrl, String token) {}

  /**
   * Inbound events.
   *
   * @param secret HMAC key of inbound FyneDesk events.
   */
  public record Events(String secret) {}
}
