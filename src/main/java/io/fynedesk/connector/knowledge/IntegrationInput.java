package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a create or update body of the integration API (seed 001) with field paths, and applies
 * it to an integration: fields present are changed, absent ones keep their value.
 */
final class IntegrationInput {

  /** Three months in ms, the most {@code expiresIn} allows. */
  static final long MAX_EXPIRES_IN = 7_776_000_000L;

  private static final Map<String, Integer> STRINGS =
      Map.of("name", 500, "description", 10_000, "datasetId", 64, "blueprintId", 200);
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "datasetId",
          "token",
          "syncSchedule",
          "expiresIn",
          "blueprintId",
          "meta");

  private IntegrationInput() {}

  /** Throws 400 {@code validation_failed} naming every bad field. */
  static void validate(JsonNode body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        errors.add(new Problem.FieldError(f, "unknown field"));
      }
    }
    STRINGS.forEach(
        (f, max) -> {
          JsonNode v = body.get(f);
          if (v != null && !v.isNull() && (!v.isTextual() || v.asText().length() > max)) {
            errors.add(
                new Problem.FieldError(f, "must be a string of at most " + max + " characters"));
          }
        });
    JsonNode token = body.get("token");
    if (token != null
        && !token.isNull()
        && (!token.isTextual() || token.asText().length() > 2000)) {
      errors.add(new Problem.FieldError("token", "must be a string (null or \"\" removes it)"));
    }
    JsonNode schedule = body.get("syncSchedule");
    if (schedule != null
        && !schedule.isNull()
        && (!schedule.isTextual() || SyncSchedule.toQuartz(schedule.asText()).isEmpty())) {
      errors.add(
          new Problem.FieldError(
              "syncSchedule",
              "must be @hourly, @daily, @weekly, a 5-field Unix cron or a Quartz cron expression"));
    }
    JsonNode expires = body.get("expiresIn");
    if (expires != null && !validExpiresIn(expires)) {
      errors.add(
          new Problem.FieldError(
              "expiresIn", "must be an integer from 0 to " + MAX_EXPIRES_IN + " (milliseconds)"));
    }
    JsonNode meta = body.get("meta");
    if (meta != null && !meta.isNull() && (!meta.isObject() || meta.toString().length() > 16_384)) {
      errors.add(new Problem.FieldError("meta", "must be a JSON object of at most 16 KiB"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
  }

  private static boolean validExpiresIn(JsonNode v) {
    BigInteger n;
    if (v.isIntegralNumber()) {
      n = v.bigIntegerValue();
    } else if (v.isFloatingPointNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0) {
      n = v.decimalValue().toBigInteger();
    } else {
      return false;
    }
    return n.signum() >= 0 && n.compareTo(BigInteger.valueOf(MAX_EXPIRES_IN)) <= 0;
  }

  /** The integration with the body's fields applied ({@code tokenEnc} sealed by the caller). */
  static Integration apply(Integration i, JsonNode b, String sealedToken) {
    ObjectNode meta = i.meta();
    if (b.has("meta")) {
      meta = b.get("meta").isNull() ? meta.objectNode() : ((ObjectNode) b.get("meta")).deepCopy();
      if (i.managed()) {
        meta.put("managedBy", "aiSource");
      }
    }
    return new Integration(
        i.id(),
        i.orgId(),
        text(b, "name", i.name()),
        text(b, "description", i.description()),
        text(b, "datasetId", i.datasetId()),
        b.has("token") ? sealedToken : i.tokenEnc(),
        text(b, "syncSchedule", i.syncSchedule()),
        b.has("expiresIn")
            ? Long.valueOf(b.get("expiresIn").decimalValue().longValue())
            : i.expiresIn(),
        text(b, "blueprintId", i.blueprintId()),
        meta,
        i.managed(),
        i.createdAt(),
        IntegrationRepository.now(),
        i.lastSyncedAt());
  }

  /** The token a body sets: null when absent, null or "" (removed). */
  static String token(JsonNode b) {
    JsonNode t = b.get("token");
    return t == null || t.isNull() || t.asText().isEmpty() ? null : t.asText();
  }

  private static String text(JsonNode b, String field, String current) {
    if (!b.has(field)) {
      return current;
    }
    JsonNode v = b.get(field);
    return v.isNull() ? null : v.asText();
  }
}
