package io.fynedesk.connector.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * What Spring Security's firewall refuses ({@code //api…}, {@code ;x=1}, a method it does not
 * know). On the request itself: 400, rendered by the error page as {@code malformed}, as before. On
 * the error page's own dispatch the firewall refuses the same method again (TRACE, which Tomcat
 * refused with 405 before any filter ran, or CONNECT, or an unknown method), and its plain {@code
 * sendError(400)} there left an empty 400: here the problem of the error being reported is written
 * instead, e.g. 405 {@code method_not_allowed} for TRACE.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  private final ProblemWriter problems;

  ProblemRequestRejectedHandler(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i && i >= 400 ? i : HttpServletResponse.SC_BAD_REQUEST;
    problems.write(response, ProblemErrorController.forStatus(status));
  }
}
