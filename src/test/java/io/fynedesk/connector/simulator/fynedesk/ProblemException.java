package io.fynedesk.connector.simulator.fynedesk;

/** Ends a simulated request with an {@code application/problem+json} answer. */
final class ProblemException extends RuntimeException {

  final int status;
  final String code;

  ProblemException(int status, String code, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ProblemException notFound(String what) {
    return new ProblemException(404, "not_found", what + " not found");
  }

  static ProblemException invalid(String detail) {
    return new ProblemException(400, "validation_failed", detail);
  }
}
