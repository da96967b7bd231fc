package io.fynedesk.connector.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Reads JSON request bodies of the admin API: 415 for another media type, 400 for bad JSON. */
@Component
public class JsonBodies {

  private final ObjectMapper mapper;

  JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Parses a JSON object body, or throws the matching problem. */
  public JsonNode object(byte[] body, String contentType, long maxBytes) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw ProblemException.of(
          415, "unsupported_media_type", "Send the body as application/json.");
    }
    if (body != null && body.length > maxBytes) {
      throw ProblemException.of(
          413, "payload_too_large", "The body is limited to " + maxBytes + " bytes.");
    }
    JsonNode node;
    try {
      node = body == null || body.length == 0 ? null : mapper.readTree(body);
    } catch (IOException e) {
      throw ProblemException.of(400, "malformed", "The body is not valid JSON.");
    }
    if (node == null || node.isMissingNode()) {
      throw ProblemException.of(400, "malformed", "A JSON body is required.");
    }
    if (!node.isObject()) {
      throw ProblemException.validation("$", "must be a JSON object");
    }
    return node;
  }
}
