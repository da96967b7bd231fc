package io.fynedesk.connector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes {@link Reply} and problem bodies as the HTTP response of a platform-http exchange. Every
 * inbound header is dropped first, so nothing of the request (an Authorization header, a signature)
 * is ever echoed back.
 */
@Component("replies")
public class Replies {

  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private final ObjectMapper mapper;

  Replies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Turns the exchange body, a {@link Reply}, into the HTTP response. */
  public void write(Exchange exchange) throws Exception {
    Reply reply = exchange.getMessage().getBody(Reply.class);
    Message msg = reset(exchange);
    msg.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      msg.setHeader(h.getKey(), h.getValue());
    }
    if (reply.body() == null) {
      msg.setBody(null);
    } else {
      msg.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
      msg.setBody(
          reply.body() instanceof String s && !"application/json".equals(reply.contentType())
              ? s
              : mapper.writeValueAsString(reply.body()));
    }
  }

  /** Turns the exception being handled into a problem+json response. */
  public void problem(Exchange exchange) throws Exception {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    Problem problem;
    Integer retryAfter = null;
    if (cause instanceof ProblemException pe) {
      problem = pe.problem();
      retryAfter = pe.retryAfterSeconds();
    } else if (cause instanceof ApiError api && api.unauthorized()) {
      problem =
          Problem.of(
              409, "not_connected", "Notion refused the connection's token; reconnect Notion.");
    } else if (cause instanceof ApiError api && api.retryable()) {
      problem =
          Problem.of(
              503, "notion_unavailable", "Notion or FyneDesk is unavailable; try again shortly.");
      retryAfter = 5;
    } else if (cause instanceof ApiError api) {
      LOG.warn(
          "Upstream refused a request on {}: {}",
          exchange.getMessage().getHeader(Exchange.HTTP_PATH),
          api.code());
      problem =
          Problem.of(502, "upstream_error", "Notion refused the request (" + api.code() + ").");
    } else {
      LOG.error(
          "Unexpected failure on {} {}",
          exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
          exchange.getMessage().getHeader(Exchange.HTTP_PATH),
          cause);
      problem = Problem.of(500, "internal_error", "The connector could not complete the request.");
    }
    Message msg = reset(exchange);
    msg.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
    msg.setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (retryAfter != null) {
      msg.setHeader("Retry-After", String.valueOf(retryAfter));
    }
    msg.setBody(mapper.writeValueAsString(problem));
  }

  private static Message reset(Exchange exchange) {
    Message msg = exchange.getMessage();
    msg.removeHeaders("*");
    return msg;
  }
}
