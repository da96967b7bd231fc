package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fynedesk.connector.notion.StandaloneRoutes;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Client of FyneDesk's REST API (CONTRACT §2); failures surface as {@link FyneDeskApiException} and
 * are retried by the caller (Camel redelivery), never here.
 *
 * <p>A facade: every request is sent to a route of {@code routes/fynedesk-api.camel.yaml} ({@code
 * fynedesk-ticket-get}, {@code fynedesk-ticket-link}, …), whose {@code http} step makes the call.
 */
@Component("fyneDeskClient")
public class FyneDeskClient {

  private static final long CONNECT_TIMEOUT_MS = 5_000;
  private static final long REQUEST_TIMEOUT_MS = 30_000;

  private final ObjectMapper json;
  private final FyneDeskCalls calls;
  private final ProducerTemplate template;

  /** In the service: the routes run in the application's Camel context. */
  @Autowired
  public FyneDeskClient(
      FyneDeskProperties properties, ObjectMapper objectMapper, CamelContext camelContext) {
    this.json = privateCopy(objectMapper);
    this.calls = new FyneDeskCalls(properties, json);
    camelContext.getRegistry().bind(FyneDeskCalls.BEAN, calls);
    this.template = camelContext.createProducerTemplate();
  }

  /** Without Spring (tests, tools): starts a Camel context of its own with the FyneDesk routes. */
  public FyneDeskClient(FyneDeskProperties properties, ObjectMapper objectMapper) {
    this.json = privateCopy(objectMapper);
    this.calls = new FyneDeskCalls(properties, json);
    String base =
        properties.api().baseUrl() == null ? "" : properties.api().baseUrl().replaceAll("/+$", "");
    this.template =
        StandaloneRoutes.start(
                "fynedesk-api.camel.yaml",
                Map.of("fynedesk.api.base-url", base),
                Map.of(FyneDeskCalls.BEAN, calls),
                CONNECT_TIMEOUT_MS,
                REQUEST_TIMEOUT_MS)
            .createProducerTemplate();
  }

  // A private copy so payload parsing does not depend on how the application's mapper is
  // configured.
  private static ObjectMapper privateCopy(ObjectMapper objectMapper) {
    return objectMapper
        .copy()
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** {@code GET /api/v1/tickets/{id}}. */
  public Ticket getTicket(String org, String ticketId) {
    return read(call("fynedesk-ticket-get", org, ticketId, null), Ticket.class);
  }

  /** {@code PATCH /api/v1/tickets/{id}} with {@code {"status"}}; returns the updated ticket. */
  public Ticket updateTicketStatus(String org, String ticketId, String status) {
    return read(
        call("fynedesk-ticket-status-update", org, ticketId, Map.of("status", status)),
        Ticket.class);
  }

  /** {@code POST /api/v1/tickets/{id}/actions} with an action: reopen, escalate or close. */
  public void ticketAction(String org, String ticketId, String action) {
    call("fynedesk-ticket-action", org, ticketId, Map.of("action", action));
  }

  /**
   * {@code POST /api/v1/tickets/{id}/links}; a second link with the same external id updates url
   * and title.
   */
  public LinkResult linkTicket(String org, String ticketId, TicketLink link) {
    Exchange response = call("fynedesk-ticket-link", org, ticketId, link);
    return status(response) == 201 ? LinkResult.CREATED : LinkResult.UPDATED;
  }

  /** {@code GET /api/v1/kb/articles/{id}}, with its {@code sync} state. */
  public Article getArticle(String org, String articleId) {
    return read(call("fynedesk-article-get", org, articleId, null), Article.class);
  }

  /** {@code POST /api/v1/kb/articles}; returns the created article with its id and url. */
  public Article createArticle(String org, NewArticle article) {
    return read(call("fynedesk-article-create", org, null, article), Article.class);
  }

  /** {@code PUT /api/v1/kb/articles/{id}} replacing title, body and sync state. */
  public Article updateArticle(String org, String articleId, ArticleUpdate update) {
    return read(call("fynedesk-article-update", org, articleId, update), Article.class);
  }

  /**
   * {@code PATCH /api/v1/kb/articles/{id}} with {@code {"status":"archived"}} or {@code
   * {"sync":…}}.
   */
  public Article patchArticle(String org, String articleId, ObjectNode patch) {
    return read(call("fynedesk-article-patch", org, articleId, patch), Article.class);
  }

  /** {@code POST /api/v1/kb/attachments}; returns the stable URL FyneDesk serves the file from. */
  public String uploadAttachment(String org, byte[] bytes, String contentType) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(FyneDeskCalls.BODY, bytes);
    properties.put(FyneDeskCalls.CONTENT_TYPE, contentType);
    return read(send("fynedesk-attachment-upload", org, properties), Map.class)
        .get("url")
        .toString();
  }

  /** A call of one operation route; {@code id} is encoded as one path segment. */
  private Exchange call(String route, String org, String id, Object body) {
    Map<String, Object> properties = new HashMap<>();
    if (id != null) {
      properties.put(FyneDeskCalls.ID, segment(id));
    }
    if (body != null) {
      properties.put(FyneDeskCalls.BODY, body);
    }
    return send(route, org, properties);
  }

  private Exchange send(String route, String org, Map<String, Object> properties) {
    calls.requireBaseUrl();
    Exchange done =
        template.send(
            "direct:" + route,
            exchange -> {
              properties.forEach(exchange::setProperty);
              exchange.setProperty(FyneDeskCalls.ORG, org);
            });
    Exception failure = done.getException();
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure != null) {
      throw FyneDeskApiException.ofNetwork("FyneDesk " + route + " (org " + org + ")", failure);
    }
    return done;
  }

  private static int status(Exchange response) {
    return response.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
  }

  private <T> T read(Exchange response, Class<T> type) {
    byte[] bytes = response.getMessage().getBody(byte[].class);
    try {
      return json.readValue(bytes, type);
    } catch (IOException e) {
      String body = new String(bytes, StandardCharsets.UTF_8);
      throw new FyneDeskApiException(
          status(response),
          body,
          false,
          "FyneDesk answered "
              + status(response)
              + " with a body that is not a "
              + type.getSimpleName(),
          e);
    }
  }

  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
