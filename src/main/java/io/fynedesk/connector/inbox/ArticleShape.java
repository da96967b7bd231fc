package io.fynedesk.connector.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.web.Problem.FieldError;
import java.util.List;

/** Type checks of {@code data.article} (CONTRACT §1). */
final class ArticleShape {

  private ArticleShape() {}

  static void check(JsonNode a, List<FieldError> errors) {
    if (a == null || !a.isObject()) {
      errors.add(new FieldError("data.article", "must be an object"));
      return;
    }
    JsonNode id = a.get("id");
    if (id == null || !(id.isTextual() && !id.asText().isBlank() || id.isIntegralNumber())) {
      errors.add(new FieldError("data.article.id", "must be a non-empty string"));
    } else if (id.asText().length() > TicketShape.MAX_ID) {
      errors.add(
          new FieldError(
              "data.article.id", "must be at most " + TicketShape.MAX_ID + " characters"));
    } else if (TicketShape.hasControl(id.asText())) {
      errors.add(new FieldError("data.article.id", TicketShape.NO_CONTROL));
    }
    for (String f : List.of("title", "bodyHtml", "locale", "url")) {
      JsonNode v = a.get(f);
      if (v != null && !v.isNull() && !v.isTextual()) {
        errors.add(new FieldError("data.article." + f, "must be a string"));
      }
    }
    JsonNode updated = a.get("updatedAt");
    if (updated != null
        && !updated.isNull()
        && !(updated.isTextual()
            && EventIntake.EnvelopeValidator.parseTime(updated.asText()) != null)) {
      errors.add(new FieldError("data.article.updatedAt", "must be an ISO-8601 time"));
    }
  }
}
