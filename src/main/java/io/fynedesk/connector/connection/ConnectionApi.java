package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.failures.FailureRepository;
import io.fynedesk.connector.security.AdminHeaders;
import io.fynedesk.connector.web.JsonBodies;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Admin API operations on the caller's own connection (CONTRACT §4); routes call these by name. */
@Component("connectionApi")
public class ConnectionApi {

  private static final long MAX_BODY = 256 * 1024;

  private final ConnectionService service;
  private final FailureRepository failures;
  private final JsonBodies bodies;
  private final TokenConnect tokens;
  private final NotionResources resources;
  private final OAuthConnect oauth;

  ConnectionApi(
      ConnectionService service,
      FailureRepository failures,
      JsonBodies bodies,
      TokenConnect tokens,
      NotionResources resources,
      OAuthConnect oauth) {
    this.oauth = oauth;
    this.service = service;
    this.failures = failures;
    this.bodies = bodies;
    this.tokens = tokens;
    this.resources = resources;
  }

  /** Connects with an internal integration token, checked with Notion first. */
  public Reply putToken(
      @Header(AdminHeaders.ORG) String org,
      @Body byte[] body,
      @Header("Content-Type") String contentType) {
    JsonNode json = bodies.object(body, contentType, MAX_BODY);
    JsonNode token = json.get("token");
    if (token == null || !token.isTextual() || token.asText().isBlank()) {
      throw ProblemException.validation("token", "must be a non-empty string");
    }
    String value = token.asText().trim();
    tokens.connect(org, value, null, "internal", tokens.identify(org, value));
    return Reply.ok(service.view(org));
  }

  /** OAuth connect: Notion's authorize URL with a fresh single-use state for this org. */
  public Reply authorize(@Header(AdminHeaders.ORG) String org) {
    return Reply.ok(Map.of("authorizeUrl", oauth.authorize(org)));
  }

  /**
   * The browser's return from Notion's consent (no JWT): 302 to FyneDesk's settings page with the
   * outcome; without {@code fynedesk.settings-url}, the outcome as JSON.
   */
  public Reply callback(
      @Header("code") String code, @Header("state") String state, @Header("error") String error) {
    OAuthConnect.Outcome outcome = oauth.callback(code, state, error);
    Reply reply;
    if (outcome.location() != null) {
      reply = Reply.redirect(outcome.location());
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("notion", outcome.connected() ? "connected" : "error");
      body.put("reason", outcome.reason());
      reply = Reply.json(outcome.connected() ? 200 : 400, body);
    }
    return reply
        .withHeader("Cache-Control", "no-store")
        .withHeader("Referrer-Policy", "no-referrer");
  }

  /** What Notion shared with the connection. */
  public Reply resources(
      @Header(AdminHeaders.ORG) String org,
      @Header("query") String query,
      @Header("type") String type,
      @Header("cursor") String cursor) {
    return Reply.ok(NotionResources.body(resources.list(org, query, type, cursor)));
  }

  public Reply get(@Header(AdminHeaders.ORG) String org) {
    return Reply.ok(service.view(org));
  }

  public Reply patchSettings(
      @Header(AdminHeaders.ORG) String org,
      @Body byte[] body,
      @Header("Content-Type") String contentType) {
    return Reply.ok(service.patchSettings(org, bodies.object(body, contentType, MAX_BODY)));
  }

  public Reply delete(@Header(AdminHeaders.ORG) String org) {
    service.disconnect(org);
    return Reply.noContent();
  }

  public Reply failures(@Header(AdminHeaders.ORG) String org) {
    return Reply.ok(Map.of("items", failures.open(org)));
  }

  public Reply retryFailure(@Header(AdminHeaders.ORG) String org, @Header("id") String id) {
    service.retryFailure(org, id);
    return Reply.json(202, Map.of("id", id, "status", "retrying"));
  }
}
