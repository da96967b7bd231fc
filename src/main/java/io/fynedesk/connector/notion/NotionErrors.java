package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/** Maps Notion error answers ({@code {"object":"error",…}} or anything else) to exceptions. */
final class NotionErrors {

  private static final Set<Integer> RETRYABLE = Set.of(409, 429, 500, 502, 503, 504, 529);

  private NotionErrors() {}

  /** {@code header} looks up one response header by name (case-insensitive), null when absent. */
  static NotionApiException fromResponse(
      ObjectMapper mapper, int status, Function<String, String> header, byte[] responseBody) {
    String headerRequestId = header.apply("x-notion-request-id");
    Duration retryAfter = retryAfter(header.apply("Retry-After"));
    JsonNode body = parse(mapper, responseBody);
    if (body == null || !"error".equals(body.path("object").asText()) || !body.hasNonNull("code")) {
      String text = new String(responseBody, StandardCharsets.UTF_8);
      if (status == 429 || status == 529) {
        return new NotionRateLimitedException(
            status,
            NotionApiException.UNKNOWN_HTTP_RESPONSE,
            "HTTP " + status + ": " + abbreviate(text),
            headerRequestId,
            retryAfter);
      }
      return new NotionApiException(
          status,
          NotionApiException.UNKNOWN_HTTP_RESPONSE,
          "HTTP " + status + ": " + abbreviate(text),
          headerRequestId,
          true,
          retryAfter);
    }
    String code = body.path("code").asText();
    String message = body.path("message").asText("");
    String requestId = body.path("request_id").asText(headerRequestId);
    if (status == 401) {
      return new NotionUnauthorizedException(code, message, requestId);
    }
    if (status == 429 || status == 529) {
      return new NotionRateLimitedException(status, code, message, requestId, retryAfter);
    }
    return new NotionApiException(
        status, code, message, requestId, RETRYABLE.contains(status), retryAfter);
  }

  /** Notion sends an integer number of seconds; an HTTP date or garbage counts as absent. */
  static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static JsonNode parse(ObjectMapper mapper, byte[] body) {
    try {
      return body.length == 0 ? null : mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }
}
