package io.fynedesk.connector.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Renders every error that reaches the servlet error page (unknown routes, 405, …) as problem+json.
 */
@Controller
class ProblemErrorController implements ErrorController {

  private final ProblemWriter problems;

  ProblemErrorController(ProblemWriter problems) {
    this.problems = problems;
  }

  @RequestMapping("/error")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    problems.write(response, forStatus(status));
  }

  /**
   * The contract's problem for an error status with no more specific one: used by the error page
   * here, and by {@link ProblemReportValve} and {@link ProblemRequestRejectedHandler} for what
   * Tomcat and Spring Security refuse before a controller runs.
   */
  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.of(400, "malformed", "The request could not be read.");
      case 401 -> Problem.of(401, "unauthorized", "A valid bearer token is required.");
      case 403 -> Problem.of(403, "admin_required", "Access denied.");
      case 404 -> Problem.of(404, "not_found", "No such resource.");
      case 405 -> Problem.of(405, "method_not_allowed", "This method is not allowed here.");
      case 413 -> Problem.of(413, "payload_too_large", "The request body is too large.");
      case 415 -> Problem.of(415, "unsupported_media_type", "Unsupported media type.");
      // A method no route implements (CONNECT, a made-up one): the caller's mistake, not a 5xx.
      case 501 -> Problem.of(405, "method_not_allowed", "This method is not allowed here.");
      default ->
          status >= 500
              ? Problem.of(
                  status, "internal_error", "The connector could not complete the request.")
              : Problem.of(status, "malformed", "The request was refused.");
    };
  }
}
