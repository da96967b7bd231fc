package io.fynedesk.connector.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Notion's deliveries to {@code POST /webhooks/notion} (CONTRACT §3): the verification handshake,
 * then signed events checked over the raw bytes in constant time and written to the ledger before
 * the 200. Processing happens later, from the ledger, so the reply stays fast.
 *
 * @see <a href="https://developers.notion.com/reference/webhooks">Notion webhooks</a>
 */
@Component("webhookIntake")
public class WebhookIntake {

  /** Header carrying {@code sha256=<hex HMAC-SHA256 of the raw body>}. */
  public static final String SIGNATURE_HEADER = "X-Notion-Signature";

  /** Largest accepted delivery; Notion's carry ids, never content, so 1 MiB is generous. */
  static final int MAX_BODY_BYTES = 1_048_576;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

  private final WebhookKeys keys;
  private final WebhookLedgerWriter writer;
  private final ObjectMapper mapper;
  private final WebhookMetrics metrics;

  WebhookIntake(
      WebhookKeys keys, WebhookLedgerWriter writer, ObjectMapper mapper, WebhookMetrics metrics) {
    this.metrics = metrics;
    this.keys = keys;
    this.writer = writer;
    this.mapper = mapper;
  }

  /** Handles one delivery: 200 for a handshake or a stored (or duplicate) event, else a problem. */
  public Reply accept(@Body byte[] body, @Header(SIGNATURE_HEADER) String signature) {
    try {
      return store(body, signature);
    } catch (ProblemException e) {
      metrics.delivery(WebhookMetrics.refused(e.problem().code()));
      throw e;
    }
  }

  private Reply store(byte[] body, String signature) {
    byte[] raw = body == null ? new byte[0] : body;
    if (raw.length > MAX_BODY_BYTES) {
      throw ProblemException.of(
          413, "payload_too_large", "Webhook deliveries are limited to 1 MiB.");
    }
    // The handshake is known by its body alone (CONTRACT §3), with or without a signature header
    // (a signed delivery is never that one-field object).
    JsonNode json = readTreeOrNull(raw);
    Optional<String> handshake = handshakeToken(json);
    if (handshake.isPresent()) {
      boolean keyed = keys.capture(handshake.get());
      LOG.info(
          "Notion webhook handshake received; {}",
          keyed ? "it is now the signing key" : "recorded for operators (a signing key is in use)");
      metrics.delivery(WebhookMetrics.HANDSHAKE);
      return Reply.json(200, Map.of("status", "verification_token_received"));
    }
    Optional<String> key = keys.current();
    if (key.isEmpty() || !Hmac.verify(key.get(), raw, signature)) {
      throw ProblemException.of(
          401,
          "invalid_signature",
          "X-Notion-Signature must be sha256=<hex HMAC-SHA256 of the raw body> keyed by the verification token.");
    }
    if (json == null) {
      json = readTree(raw); // not JSON: throws the malformed problem, now that it is signed
    }
    WebhookEvent event = parse(json, raw);
    JsonNode attempt = json.get("attempt_number");
    boolean stored =
        writer.store(event, attempt != null && attempt.canConvertToInt() ? attempt.asInt() : null);
    metrics.delivery(stored ? WebhookMetrics.SIGNED : WebhookMetrics.DUPLICATE);
    return Reply.json(200, Map.of("id", event.id(), "status", stored ? "accepted" : "duplicate"));
  }

  /** The token of a handshake body {@code {"verification_token":"…"}}, if that is what this is. */
  private Optional<String> handshakeToken(JsonNode json) {
    if (json == null) {
      return Optional.empty();
    }
    JsonNode token = json.get("verification_token");
    if (json.isObject()
        && json.size() == 1
        && token != null
        && token.isTextual()
        && !token.asText().isBlank()
        && token.asText().length() <= 500) {
      return Optional.of(token.asText());
    }
    return Optional.empty();
  }

  /** The body as JSON, or null when it is not JSON (refused later, once its signature holds). */
  private JsonNode readTreeOrNull(byte[] raw) {
    try {
      return readTree(raw);
    } catch (ProblemException e) {
      return null;
    }
  }

  private WebhookEvent parse(JsonNode e, byte[] raw) {
    if (!e.isObject()) {
      throw malformed("the body must be a JSON object");
    }
    String id = text(e, "id", 200, true);
    String type = text(e, "type", 100, true);
    String workspace = text(e, "workspace_id", 100, false);
    JsonNode entity = e.path("entity");
    if (!entity.isMissingNode() && !entity.isObject()) {
      throw malformed("entity must be an object");
    }
    String entityId = entity.isObject() ? text(entity, "id", 100, false) : null;
    String entityType = entity.isObject() ? text(entity, "type", 50, false) : null;
    OffsetDateTime at = null;
    String ts = text(e, "timestamp", 100, false);
    if (ts != null) {
      try {
        at = OffsetDateTime.parse(ts);
      } catch (DateTimeParseException ex) {
        throw malformed("timestamp must be an ISO-8601 time");
      }
    }
    return new WebhookEvent(
        id, type, workspace, entityId, entityType, at, new String(raw, StandardCharsets.UTF_8));
  }

  private static String text(JsonNode node, String field, int max, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw malformed(field + " is required");
      }
      return null;
    }
    if (!v.isTextual()
        || v.asText().isBlank()
        || v.asText().length() > max
        || v.asText().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw malformed(field + " must be a non-empty string of at most " + max + " characters");
    }
    return v.asText();
  }

  /** Parses strictly: the bytes must be UTF-8 and hold one JSON value. */
  private JsonNode readTree(byte[] raw) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
      JsonNode json = mapper.readTree(text);
      if (json == null || json.isMissingNode()) {
        throw malformed("the body is empty");
      }
      return json;
    } catch (CharacterCodingException e) {
      throw malformed("the body is not valid UTF-8");
    } catch (IOException e) {
      throw malformed("the body is not valid JSON");
    }
  }

  private static ProblemException malformed(String detail) {
    return ProblemException.of(
        400, "malformed", "Signed webhook delivery is malformed: " + detail + ".");
  }
}
