package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The typed steps of the {@code fynedesk-request} route ({@code routes/fynedesk-api.camel.yaml}):
 * headers of CONTRACT §2 before the route's {@code http} step, {@link FyneDeskApiException} after
 * it. Nothing is retried here: the caller (Camel redelivery) decides. Bound in the Camel registry
 * as {@value #BEAN}.
 */
public final class FyneDeskCalls {

  /** Registry name the routes call. */
  public static final String BEAN = "fyneDeskCalls";

  // Exchange properties a caller of direct:fynedesk-request (or an operation route) sets.
  static final String ORG = "fyneDeskOrg";
  static final String METHOD = "fyneDeskMethod";
  static final String PATH = "fyneDeskPath";
  static final String ID = "fyneDeskId";

  /** An object serialised as JSON, or {@code byte[]} sent as is with {@link #CONTENT_TYPE}. */
  static final String BODY = "fyneDeskBody";

  static final String CONTENT_TYPE = "fyneDeskContentType";

  private static final String JSON = "application/json";

  private final FyneDeskProperties properties;
  private final ObjectMapper json;

  FyneDeskCalls(FyneDeskProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
  }

  /** Route step: method, the token, the org, the origin on writes, and the body. */
  public void prepare(Exchange exchange) {
    String method = exchange.getProperty(METHOD, String.class);
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_METHOD, method);
    message.setHeader(
        "Authorization",
        "Bearer " + requireConfigured(properties.api().token(), "fynedesk.api.token"));
    message.setHeader(FyneDeskHeaders.ORGANIZATION, exchange.getProperty(ORG, String.class));
    message.setHeader("Accept", JSON);
    if (!"GET".equals(method)) {
      message.setHeader(FyneDeskHeaders.ORIGIN, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR);
    }
    Object body = exchange.getProperty(BODY);
    if (body == null) {
      message.setBody(null);
    } else if (body instanceof byte[] bytes) {
      message.setHeader(Exchange.CONTENT_TYPE, exchange.getProperty(CONTENT_TYPE, String.class));
      message.setBody(bytes);
    } else {
      try {
        message.setHeader(Exchange.CONTENT_TYPE, JSON);
        message.setBody(json.writeValueAsBytes(body));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("Cannot serialise the body of " + label(exchange), e);
      }
    }
  }

  /** Route step after the http step: a 2xx answer stays as bytes; anything else is thrown. */
  public void answer(Exchange exchange) {
    Message message = exchange.getMessage();
    int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    byte[] body = message.getBody(byte[].class);
    if (body == null) {
      body = new byte[0];
    }
    message.setBody(body);
    if (status / 100 != 2) {
      throw FyneDeskApiException.ofResponse(
          label(exchange), status, new String(body, StandardCharsets.UTF_8));
    }
  }

  /** Route step when the http step got no answer (connect, timeout, reset). */
  public void networkFailure(Exchange exchange) {
    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    throw FyneDeskApiException.ofNetwork(label(exchange), e);
  }

  /** Fails a call before it is sent when the base URL is missing (the route needs it). */
  void requireBaseUrl() {
    requireConfigured(properties.api().baseUrl(), "fynedesk.api.base-url");
  }

  private static String label(Exchange exchange) {
    return "FyneDesk "
        + exchange.getProperty(METHOD)
        + " "
        + exchange.getProperty(PATH)
        + " (org "
        + exchange.getProperty(ORG)
        + ")";
  }

  private static String requireConfigured(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(property + " is not configured");
    }
    return value;
  }
}
