package io.fynedesk.connector.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.blocks.BlockEngine;
import io.fynedesk.connector.blocks.ConversionInputException;
import io.fynedesk.connector.blocks.ConversionResult;
import io.fynedesk.connector.web.JsonBodies;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** {@code POST /api/v1/tools/convert}: the block engine for admins (CONTRACT §4), 2 MiB at most. */
@Component("convertApi")
public class ConvertApi {

  /** Largest accepted request body. */
  static final long MAX_BODY = 2L * 1024 * 1024;

  private final BlockEngine engine;
  private final JsonBodies bodies;

  ConvertApi(BlockEngine engine, JsonBodies bodies) {
    this.engine = engine;
    this.bodies = bodies;
  }

  public Reply convert(@Body byte[] body, @Header("Content-Type") String contentType) {
    JsonNode request = bodies.object(body, contentType, MAX_BODY);
    String from = text(request, "from");
    String to = text(request, "to");
    JsonNode content = request.get("content");
    if (content == null || content.isNull()) {
      throw ProblemException.validation("content", "is required");
    }
    ConversionResult<JsonNode> result;
    try {
      result = engine.convert(from, to, content);
    } catch (ConversionInputException e) {
      throw ProblemException.validation(e.field(), e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("content", result.content());
    out.put("warnings", result.warnings());
    out.put("truncated", result.truncated());
    return Reply.ok(out);
  }

  private static String text(JsonNode request, String field) {
    JsonNode v = request.get(field);
    if (v == null || !v.isTextual()) {
      throw ProblemException.validation(field, "must be one of notion, html, markdown");
    }
    return v.asText();
  }
}
