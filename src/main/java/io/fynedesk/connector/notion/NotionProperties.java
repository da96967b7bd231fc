package io.fynedesk.connector.notion;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings of the connection to Notion's REST API, OAuth app and webhook subscription. */
@Validated
@ConfigurationProperties(prefix = "notion")
public record NotionProperties(Api api, RateLimit rateLimit, OAuth oauth, Webhook webhook) {

  public NotionProperties {
    api = api == null ? new Api("https://api.notion.com", "2025-09-03") : api;
    rateLimit = rateLimit == null ? new RateLimit(3.0) : rateLimit;
    oauth =
        oauth == null
            ? new OAuth(null, null, null, "https://api.notion.com/v1/oauth/authorize")
            : oauth;
    webhook = webhook == null ? new Webhook(null) : webhook;
  }

  /**
   * Notion REST endpoint.
   *
   * @param baseUrl Notion REST base URL; tests point it at a simulator.
   * @param version value of the {@code Notion-Version} header sent on every request.
   */
  public record Api(
      @NotBlank @DefaultValue("https://api.notion.com") String baseUrl,
      @NotBlank @DefaultValue("2025-09-03") String version) {}

  /**
   * Request budget.
   *
   * @param requestsPerSecond sustained requests per second per Notion connection (bursts allowed).
   */
  public record RateLimit(@DecimalMin("0.01") @DefaultValue("3") double requestsPerSecond) {}

  /**
   * FyneDesk's public Notion app.
   *
   * @param clientId OAuth client id of the public Notion app.
   * @param clientSecret OAuth client secret of the public Notion app.
   * @param redirectUri redirect URI registered with Notion for the OAuth callback.
   * @param authorizeUrl Notion's OAuth authorize URL.
   */
  public record OAuth(
      String clientId,
      String clientSecret,
      String redirectUri,
      @DefaultValue("https://api.notion.com/v1/oauth/authorize") String authorizeUrl) {

    /** Whether the public OAuth app is configured. */
    public boolean configured() {
      return clientId != null
          && !clientId.isBlank()
          && clientSecret != null
          && !clientSecret.isBlank();
    }
  }

  /**
   * Webhook subscription.
   *
   * @param verificationToken signing key of the webhook subscription; if unset, the captured one is
   *     used.
   */
  public record Webhook(String verificationToken) {}
}
