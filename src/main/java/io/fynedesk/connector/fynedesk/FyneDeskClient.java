package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Client of FyneDesk's REST API (CONTRACT §2); failures surface as {@link FyneDeskApiException} and are
 * retried by the caller (Camel redelivery), never here.
 */
@Component("fyneDeskClient")
public class FyneDeskClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String JSON = "application/json";

  private final FyneDeskProperties properties;
  private final ObjectMapper json;
  private final HttpClient http;

  public FyneDeskClient(FyneDeskProperties properties, ObjectMapper objectMapper) {
    this.properties = properties;
    // A private copy so payload parsing does not depend on how the application's mapper is configured.
    this.json = objectMapper.copy()
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** {@code GET /api/v1/tickets/{id}}. */
  public Ticket getTicket(String org, String ticketId) {
    return read(call(org, "GET", ticketPath(ticketId), null), Ticket.class);
  }

  /** {@code PATCH /api/v1/tickets/{id}} with {@code {"status"}}; returns the updated ticket. */
  public Ticket updateTicketStatus(String org, String ticketId, String status) {
    return read(call(org, "PATCH", ticketPath(ticketId), Map.of("status", status)), Ticket.class);
  }

  /** {@code POST /api/v1/tickets/{id}/actions} with an action: reopen, escalate or close. */
  public void ticketAction(String org, String ticketId, String action) {
    call(org, "POST", ticketPath(ticketId) + "/actions", Map.of("action", action));
  }

  /** {@code POST /api/v1/tickets/{id}/links}; a second link with the same external id updates url and title. */
  public LinkResult linkTicket(String org, String ticketId, TicketLink link) {
    HttpResponse<byte[]> response = call(org, "POST", ticketPath(ticketId) + "/links", link);
    return response.statusCode() == 201 ? LinkResult.CREATED : LinkResult.UPDATED;
  }

  /** {@code GET /api/v1/kb/articles/{id}}, with its {@code sync} state. */
  public Article getArticle(String org, String articleId) {
    return read(call(org, "GET", articlePath(articleId), null), Article.class);
  }

  /** {@code POST /api/v1/kb/articles}; returns the created article with its id and url. */
  public Article createArticle(String org, NewArticle article) {
    return read(call(org, "POST", "/api/v1/kb/articles", article), Article.class);
  }

  /** {@code PUT /api/v1/kb/articles/{id}} replacing title, body and sync state. */
  public Article updateArticle(String org, String articleId, ArticleUpdate update) {
    return read(call(org, "PUT", articlePath(articleId), update), Article.class);
  }

  /** {@code PATCH /api/v1/kb/articles/{id}} with {@code {"status":"archived"}} or {@code {"sync":…}}. */
  public Article patchArticle(String org, String articleId, ObjectNode patch) {
    return read(call(org, "PATCH", articlePath(articleId), patch), Article.class);
  }

  /** {@code POST /api/v1/kb/attachments}; returns the stable URL FyneDesk serves the file from. */
  public String uploadAttachment(String org, byte[] bytes, String contentType) {
    HttpResponse<byte[]> response =
        send(org, "POST", "/api/v1/kb/attachments", BodyPublishers.ofByteArray(bytes), contentType);
    return read(response, Map.class).get("url").toString();
  }

  private HttpResponse<byte[]> call(String org, String method, String path, Object body) {
    if (body == null) {
      return send(org, method, path, BodyPublishers.noBody(), null);
    }
    try {
      return send(org, method, path, BodyPublishers.ofByteArray(json.writeValueAsBytes(body)), JSON);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot serialise the body of " + method + " " + path, e);
    }
  }

  private HttpResponse<byte[]> send(
      String org, String method, String path, BodyPublisher body, String contentType) {
    String label = "FyneDesk " + method + " " + path + " (org " + org + ")";
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + requireConfigured(properties.api().token(), "fynedesk.api.token"))
        .header(FyneDeskHeaders.ORGANIZATION, org)
        .header("Accept", JSON)
        .method(method, body);
    if (!"GET".equals(method)) {
      request.header(FyneDeskHeaders.ORIGIN, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> response = exchange(label, request.build());
    if (response.statusCode() / 100 != 2) {
      throw FyneDeskApiException.ofResponse(
          label, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }
    return response;
  }

  private HttpResponse<byte[]> exchange(String label, HttpRequest request) {
    try {
      return http.send(request, BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw FyneDeskApiException.ofNetwork(label, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FyneDeskApiException.ofNetwork(label, e);
    }
  }

  private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
    try {
      return json.readValue(response.body(), type);
    } catch (IOException e) {
      String body = new String(response.body(), StandardCharsets.UTF_8);
      throw new FyneDeskApiException(response.statusCode(), body, false,
          "FyneDesk answered " + response.statusCode() + " with a body that is not a " + type.getSimpleName(), e);
    }
  }

  private URI uri(String path) {
    String base = requireConfigured(properties.api().baseUrl(), "fynedesk.api.base-url");
    return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
  }

  private static String requireConfigured(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(property + " is not configured");
    }
    return value;
  }

  private static String ticketPath(String ticketId) {
    return "/api/v1/tickets/" + segment(ticketId);
  }

  private static String articlePath(String articleId) {
    return "/api/v1/kb/articles/" + segment(articleId);
  }

  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
