package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Notion's public-OAuth endpoints (notion-api.md §1) for FyneDesk's public app: the authorize URL,
 * the code exchange, the refresh grant (rolling refresh tokens) and revocation. Every call is HTTP
 * Basic client auth and leaves through the {@code http} step of {@code
 * routes/notion-oauth.camel.yaml}; this bean is also the typed steps of that route.
 *
 * <p>These endpoints are not a connection's data API: no per-connection budget and no retries here;
 * the caller decides (a failed refresh leaves the work to be retried, a refused one asks the admin
 * to reconnect).
 */
@Component(NotionOAuth.BEAN)
public class NotionOAuth {

  /** Registry name the route calls. */
  public static final String BEAN = "notionOAuth";

  static final String BODY = "notionOAuthBody";

  private final NotionProperties properties;
  private final ObjectMapper mapper;
  private final ProducerTemplate template;

  public NotionOAuth(NotionProperties properties, ObjectMapper mapper, CamelContext camel) {
    this.properties = properties;
    this.mapper = mapper;
    this.template = camel.createProducerTemplate();
  }

  /**
   * What Notion granted: the token pair and the workspace it belongs to.
   *
   * @param accessToken bearer token of the connection
   * @param refreshToken the refresh token (null when Notion gave none); each use replaces it
   * @param botId the integration's bot user in the workspace
   * @param workspaceId the workspace
   * @param workspaceName its name
   */
  public record Grant(
      String accessToken,
      String refreshToken,
      String botId,
      String workspaceId,
      String workspaceName) {

    @Override
    public String toString() {
      return "Grant[workspaceId=" + workspaceId + ", botId=" + botId + ", tokens=***]";
    }
  }

  /** Whether FyneDesk's public Notion app is configured ({@code notion.oauth.*}). */
  public boolean configured() {
    return properties.oauth() != null && properties.oauth().configured();
  }

  /** Notion's authorize URL for a consent carrying {@code state}. */
  public String authorizeUrl(String state) {
    NotionProperties.OAuth oauth = properties.oauth();
    StringBuilder url = new StringBuilder(oauth.authorizeUrl());
    url.append(oauth.authorizeUrl().contains("?") ? '&' : '?');
    url.append("client_id=").append(encode(oauth.clientId()));
    url.append("&response_type=code&owner=user");
    if (oauth.redirectUri() != null && !oauth.redirectUri().isBlank()) {
      url.append("&redirect_uri=").append(encode(oauth.redirectUri()));
    }
    url.append("&state=").append(encode(state));
    return url.toString();
  }

  /**
   * Exchanges an authorization code ({@code redirect_uri} sent when configured, as it was in the
   * authorize URL).
   */
  public Grant exchangeCode(String code) {
    ObjectNode body = mapper.createObjectNode().put("grant_type", "authorization_code");
    body.put("code", code);
    String redirectUri = properties.oauth().redirectUri();
    if (redirectUri != null && !redirectUri.isBlank()) {
      body.put("redirect_uri", redirectUri);
    }
    return grant(send("direct:notion-oauth-token", body));
  }

  /**
   * The refresh grant: a new access token and a new refresh token (the old one stops working).
   *
   * @throws NotionApiException with code {@code invalid_grant} when Notion refuses the refresh
   *     token
   */
  public Grant refresh(String refreshToken) {
    ObjectNode body = mapper.createObjectNode().put("grant_type", "refresh_token");
    body.put("refresh_token", refreshToken);
    return grant(send("direct:notion-oauth-token", body));
  }

  /** Revokes a token at Notion. */
  public void revoke(String token) {
    send("direct:notion-oauth-revoke", mapper.createObjectNode().put("token", token));
  }

  // ---- steps of routes/notion-oauth.camel.yaml -----------------------------------------------

  /** Route step: client auth, headers and body of the request. */
  public void prepare(Exchange exchange) throws IOException {
    NotionProperties.OAuth oauth = properties.oauth();
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (oauth.clientId() + ":" + oauth.clientSecret()).getBytes(StandardCharsets.UTF_8));
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_METHOD, "POST");
    message.setHeader("Authorization", "Basic " + basic);
    message.setHeader("Notion-Version", properties.api().version());
    message.setHeader("Accept", "application/json");
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setBody(mapper.writeValueAsBytes(exchange.getProperty(BODY, JsonNode.class)));
  }

  /** Route step after the http step: 2xx → JSON; otherwise the Notion error as an exception. */
  public void answer(Exchange exchange) throws IOException {
    Message message = exchange.getMessage();
    int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    byte[] bytes = message.getBody(byte[].class);
    if (bytes == null) {
      bytes = new byte[0];
    }
    if (status / 100 == 2) {
      message.setBody(bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes));
      return;
    }
    throw error(status, bytes, name -> message.getHeader(name, String.class));
  }

  /** Route step when the call got no answer. */
  public void networkFailure(Exchange exchange) {
    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    throw new NotionApiException(
        0,
        NotionApiException.NETWORK_ERROR,
        String.valueOf(e == null ? null : e.getMessage()),
        null,
        true,
        null,
        e);
  }

  private NotionApiException error(int status, byte[] bytes, Function<String, String> header) {
    // OAuth servers may answer RFC 6749's {"error": "...", "error_description": "..."}; the API's
    // error shape ({"object":"error","code":...}) is handled by NotionErrors.
    try {
      JsonNode body = bytes.length == 0 ? null : mapper.readTree(bytes);
      if (body != null && body.hasNonNull("error") && !body.hasNonNull("code")) {
        return new NotionApiException(
            status,
            body.path("error").asText(),
            body.path("error_description").asText(""),
            null,
            status >= 500,
            null);
      }
    } catch (IOException ignored) {
      // not JSON: NotionErrors reports it as an unknown answer
    }
    NotionApiException mapped = NotionErrors.fromResponse(mapper, status, header, bytes);
    if (mapped instanceof NotionUnauthorizedException) {
      // 401 here is about FyneDesk's client credentials, not a connection's token.
      return new NotionApiException(
          status, mapped.code(), mapped.notionMessage(), mapped.requestId(), false, null);
    }
    return mapped;
  }

  private JsonNode send(String endpoint, JsonNode body) {
    if (!configured()) {
      throw new IllegalStateException("notion.oauth.* is not configured");
    }
    Exchange done = template.send(endpoint, exchange -> exchange.setProperty(BODY, body));
    Exception failure = done.getException();
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure != null) {
      throw new NotionApiException(
          0,
          NotionApiException.NETWORK_ERROR,
          String.valueOf(failure.getMessage()),
          null,
          true,
          null,
          failure);
    }
    return done.getMessage().getBody(JsonNode.class);
  }

  private static Grant grant(JsonNode body) {
    String access = body.path("access_token").asText(null);
    String workspace = body.path("workspace_id").asText(null);
    if (access == null || access.isBlank() || workspace == null || workspace.isBlank()) {
      throw new NotionApiException(
          0,
          NotionApiException.UNKNOWN_HTTP_RESPONSE,
          "Notion's token answer has no access_token or workspace_id",
          null,
          false,
          null);
    }
    return new Grant(
        access,
        body.hasNonNull("refresh_token") ? body.get("refresh_token").asText() : null,
        body.path("bot_id").asText(null),
        workspace,
        body.path("workspace_name").asText(null));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
