package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/** A parsed request to the simulator, with the path parameters of the route it matched. */
record SimRequest(
    String method,
    String path,
    String org,
    String origin,
    String contentType,
    byte[] body,
    Matcher params) {

  /** A path parameter of the matched route, percent-decoded. */
  String param(int group) {
    return URLDecoder.decode(params.group(group), StandardCharsets.UTF_8);
  }

  SimRequest withParams(Matcher matcher) {
    return new SimRequest(method, path, org, origin, contentType, body, matcher);
  }

  /** The body as a JSON object, else 400 malformed. */
  ObjectNode jsonObject(ObjectMapper json) {
    try {
      JsonNode node = json.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // answered below
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new ProblemException(400, "malformed", "body must be a JSON object");
  }
}
