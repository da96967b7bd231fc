package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An answer of the simulator. */
record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  static SimResponse json(ObjectMapper json, int status, JsonNode node) {
    try {
      return new SimResponse(status, "application/json", json.writeValueAsBytes(node), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static SimResponse problem(ObjectMapper json, int status, String code, String detail) {
    ObjectNode problem =
        json.createObjectNode()
            .put("type", "about:blank")
            .put("title", code.replace('_', ' '))
            .put("status", status)
            .put("detail", detail)
            .put("code", code);
    SimResponse response = json(json, status, problem);
    Map<String, String> headers = status == 429 ? Map.of("Retry-After", "1") : Map.of();
    return new SimResponse(status, "application/problem+json", response.body(), headers);
  }

  static SimResponse bytes(String contentType, byte[] body) {
    return new SimResponse(200, contentType, body, Map.of());
  }
}
