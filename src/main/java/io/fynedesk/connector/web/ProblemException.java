package io.fynedesk.connector.web;

import java.util.List;

/**
 * Thrown by beans to answer a request with a problem+json body; routes turn it into the response.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final Integer retryAfterSeconds;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  public ProblemException(Problem problem, Integer retryAfterSeconds) {
    super(problem.code() + ": " + problem.detail());
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ProblemException of(int status, String code, String detail) {
    return new ProblemException(Problem.of(status, code, detail));
  }

  public static ProblemException notFound(String detail) {
    return of(404, "not_found", detail);
  }

  public static ProblemException validation(String field, String message) {
    return new ProblemException(
        Problem.validation(List.of(new Problem.FieldError(field, message))));
  }

  public Problem problem() {
    return problem;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
