package io.fynedesk.connector.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.inbox.InboxRepository.NewEvent;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.Problem.FieldError;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Durable intake of FyneDesk events (CONTRACT §1): size limit, HMAC over the raw bytes, envelope
 * validation, then the inbox insert (group-committed by {@link InboxWriter}); only after the insert
 * commits does the sender get 202.
 */
@Component("eventIntake")
public class EventIntake {

  /** Largest accepted body: 1 MiB. */
  public static final int MAX_BODY_BYTES = 1_048_576;

  /** Header carrying {@code sha256=<hex>} of the raw body. */
  public static final String SIGNATURE_HEADER = "X-FyneDesk-Signature";

  private final InboxWriter writer;
  private final ObjectMapper mapper;
  private final String secret;
  private final InboxMetrics metrics;

  EventIntake(
      InboxWriter writer,
      ObjectMapper mapper,
      @Value("${fynedesk.events.secret:}") String secret,
      InboxMetrics metrics) {
    this.metrics = metrics;
    this.writer = writer;
    this.mapper = mapper;
    this.secret = secret;
  }

  /** Accepts one event: 202 stored, 200 duplicate, or a problem; each outcome is counted. */
  public Reply accept(@Body byte[] body, @Header(SIGNATURE_HEADER) String signature) {
    try {
      return store(body, signature);
    } catch (ProblemException e) {
      metrics.received(null, e.problem().code());
      throw e;
    }
  }

  private Reply store(byte[] body, String signature) {
    byte[] raw = body == null ? new byte[0] : body;
    if (raw.length > MAX_BODY_BYTES) {
      throw ProblemException.of(
          413, "payload_too_large", "Events are limited to 1 MiB (1,048,576 bytes).");
    }
    if (!Hmac.verify(secret, raw, signature)) {
      throw ProblemException.of(
          401,
          "invalid_signature",
          "X-FyneDesk-Signature must be sha256=<hex HMAC-SHA256 of the raw body>.");
    }
    JsonNode envelope;
    try {
      envelope = mapper.readTree(raw);
    } catch (IOException | RuntimeException e) {
      throw ProblemException.of(400, "malformed", "The body is not valid JSON.");
    }
    if (envelope == null || envelope.isMissingNode()) {
      throw ProblemException.of(400, "malformed", "The body is empty.");
    }
    List<FieldError> errors = new ArrayList<>();
    OffsetDateTime occurredAt = EnvelopeValidator.validate(envelope, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    String id = envelope.get("id").asText();
    JsonNode origin = envelope.get("origin");
    boolean stored =
        writer.store(
            new NewEvent(
                id,
                envelope.get("organizationId").asText(),
                envelope.get("type").asText(),
                occurredAt.withOffsetSameInstant(ZoneOffset.UTC),
                origin == null || origin.isNull() ? null : origin.asText(),
                new String(raw, StandardCharsets.UTF_8)));
    metrics.received(envelope.get("type").asText(), stored ? "accepted" : "duplicate");
    return stored
        ? Reply.json(202, Map.of("id", id, "status", "accepted"))
        : Reply.json(200, Map.of("id", id, "status", "duplicate"));
  }

  /** Checks the envelope and the typed part of {@code data} for the event's type. */
  static final class EnvelopeValidator {

    private EnvelopeValidator() {}

    /**
     * Adds what is wrong with envelope {@code e} to {@code errors}; returns its {@code occurredAt}
     * (parsed once), null when that is missing or not a time.
     */
    static OffsetDateTime validate(JsonNode e, List<FieldError> errors) {
      if (!e.isObject()) {
        errors.add(new FieldError("$", "must be a JSON object"));
        return null;
      }
      text(e, "id", 200, errors);
      text(e, "type", 100, errors);
      text(e, "organizationId", 100, errors);
      JsonNode at = e.get("occurredAt");
      OffsetDateTime occurredAt = at != null && at.isTextual() ? parseTime(at.asText()) : null;
      if (at == null || !at.isTextual()) {
        errors.add(new FieldError("occurredAt", "must be an ISO-8601 time"));
      } else if (occurredAt == null) {
        errors.add(
            new FieldError("occurredAt", "must be an ISO-8601 time, e.g. 2026-11-21T10:00:00Z"));
      }
      JsonNode origin = e.get("origin");
      if (origin != null
          && !origin.isNull()
          && !(origin.isTextual()
              && origin.asText().length() <= 100
              && !TicketShape.hasControl(origin.asText()))) {
        errors.add(new FieldError("origin", "must be a string"));
      }
      JsonNode data = e.get("data");
      if (data == null || !data.isObject()) {
        errors.add(new FieldError("data", "must be an object"));
        return occurredAt;
      }
      JsonNode type = e.get("type");
      String t = type != null && type.isTextual() ? type.asText() : "";
      if (t.startsWith("ticket.") && EventTypes.KNOWN.contains(t)) {
        TicketShape.check(data.get("ticket"), errors);
        JsonNode tag = data.get("tag");
        if (tag != null && !tag.isNull() && !tag.isTextual()) {
          errors.add(new FieldError("data.tag", "must be a string"));
        }
      } else if (t.startsWith("article.") && EventTypes.KNOWN.contains(t)) {
        ArticleShape.check(data.get("article"), errors);
      }
      return occurredAt;
    }

    private static void text(JsonNode e, String field, int max, List<FieldError> errors) {
      JsonNode v = e.get(field);
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        errors.add(new FieldError(field, "must be a non-empty string"));
      } else if (v.asText().length() > max) {
        errors.add(new FieldError(field, "must be at most " + max + " characters"));
      } else if (TicketShape.hasControl(v.asText())) {
        errors.add(new FieldError(field, TicketShape.NO_CONTROL));
      }
    }

    static OffsetDateTime parseTime(String s) {
      try {
        return OffsetDateTime.parse(s);
      } catch (RuntimeException ex) {
        return null;
      }
    }
  }
}
