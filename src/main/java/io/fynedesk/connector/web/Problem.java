package io.fynedesk.connector.web;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * An RFC 9457 problem+json body with the contract's stable {@code code}, written as Spring's own
 * {@link ProblemDetail} (the contract's {@code code} and {@code errors} are its extension members).
 * The record stays as the typed, immutable value beans throw; JSON is {@code
 * {type,title,status,detail,code,errors?}}.
 *
 * @param type URI reference naming the problem type
 * @param title short human summary of the problem type
 * @param status HTTP status
 * @param detail human explanation of this occurrence
 * @param code stable machine word (CONTRACT.md "Errors")
 * @param errors field errors of a validation failure
 */
public record Problem(
    String type, String title, int status, String detail, String code, List<FieldError> errors) {

  /** Media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field of a request. */
  public record FieldError(String field, String message) {}

  /** This problem as Spring's RFC 9457 type; Jackson writes every {@code Problem} through it. */
  @JsonValue
  public ProblemDetail toProblemDetail() {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
    pd.setType(URI.create(type));
    pd.setTitle(title);
    pd.setProperty("code", code);
    if (errors != null) {
      pd.setProperty("errors", errors);
    }
    return pd;
  }

  /** Builds a problem from its code; type and title derive from it. */
  public static Problem of(int status, String code, String detail) {
    return new Problem(
        "https://fynedesk.io/problems/" + code.replace('_', '-'),
        title(code),
        status,
        detail,
        code,
        null);
  }

  /** Builds a 400 {@code validation_failed} problem naming the invalid fields. */
  public static Problem validation(List<FieldError> errors) {
    String detail =
        errors.isEmpty()
            ? "The request is invalid."
            : errors.get(0).field() + ": " + errors.get(0).message();
    return new Problem(
        "https://fynedesk.io/problems/validation-failed",
        title("validation_failed"),
        400,
        detail,
        "validation_failed",
        List.copyOf(errors));
  }

  private static String title(String code) {
    return switch (code) {
      case "malformed" -> "Malformed request";
      case "validation_failed" -> "Validation failed";
      case "notion_token_rejected" -> "Notion rejected the token";
      case "unauthorized" -> "Unauthorized";
      case "invalid_signature" -> "Invalid signature";
      case "admin_required" -> "Admin role required";
      case "pro_plan_required" -> "Pro plan required";
      case "not_found" -> "Not found";
      case "method_not_allowed" -> "Method not allowed";
      case "not_connected" -> "Notion is not connected";
      case "conflict" -> "Conflict";
      case "oauth_not_configured" -> "OAuth is not configured";
      case "payload_too_large" -> "Payload too large";
      case "unsupported_media_type" -> "Unsupported media type";
      case "rate_limited" -> "Too many requests";
      case "notion_unavailable" -> "Notion is unavailable";
      case "upstream_error" -> "Notion refused the request";
      case "internal_error" -> "Internal error";
      default -> "Error";
    };
  }
}
