package io.fynedesk.connector.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Tomcat's error report as the contract's problem+json, in place of its HTML page: what Tomcat
 * refuses itself before Spring sees the request (an invalid request line or header, a header above
 * the limit, bad percent-encoding, an encoded slash or a backslash in the path) and any error no
 * servlet error page has answered. The body is written only when nothing has been written yet, and
 * never carries Tomcat's exception text: a 400 says which part could not be read in the connector's
 * own words.
 */
public class ProblemReportValve extends ErrorReportValve {

  private final ObjectProvider<ProblemWriter> problems;

  ProblemReportValve(ObjectProvider<ProblemWriter> problems) {
    this.problems = problems;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    Problem problem = ProblemErrorController.forStatus(status);
    if (status == 400) {
      String reason = reason(response.getMessage(), throwable);
      problem =
          Problem.of(
              400,
              problem.code(),
              reason == null
                  ? "The request could not be read."
                  : "The request could not be read: " + reason + ".");
    }
    byte[] body = problems.getObject().bytes(problem);
    try {
      response.setStatus(problem.status());
      response.setContentType(Problem.MEDIA_TYPE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setContentLength(body.length);
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(body, StandardCharsets.UTF_8));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over: nothing more to say to it.
    }
  }

  /**
   * Which part of the request Tomcat could not read, in the connector's words: Tomcat's own text is
   * only matched, never passed on (it quotes the offending request line or header, and may be a
   * stack trace). {@code null} when unknown, e.g. with Tomcat's messages in another language.
   */
  static String reason(String message, Throwable throwable) {
    if (message != null) {
      // sendError while decoding the URI: "Invalid URI", or "Invalid URI: [<decoder's reason>]".
      String text = message.toLowerCase(Locale.ROOT);
      if (text.contains("encoded slash") || text.contains("encoded backslash")) {
        return "an encoded slash or backslash is not allowed in the path";
      }
      if (text.contains("hexadecimal") || text.contains("hexdigit")) {
        return "the path has an invalid percent-encoding";
      }
      if (text.startsWith("invalid uri")) {
        return "the path is not valid";
      }
      return null;
    }
    if (throwable == null || throwable.getMessage() == null) {
      return null;
    }
    // Parsing the request line and headers: the offending text is quoted in [...]; not read.
    String text = throwable.getMessage().replaceAll("(?s)\\[.*]", "[]").toLowerCase(Locale.ROOT);
    if (text.contains("too large")) {
      return "the request line or headers exceed the size limit";
    }
    if (text.contains("request target")) {
      return "the request target has a character that is not allowed";
    }
    if (text.contains("method name")) {
      return "the method name is not valid";
    }
    if (text.contains("host")) {
      return "the Host header is missing or not valid";
    }
    if (text.contains("content-length")) {
      return "the Content-Length header is not valid";
    }
    if (text.contains("transfer encoding") || text.contains("transfer-encoding")) {
      return "the Transfer-Encoding is not supported";
    }
    if (text.contains("header")) {
      return "a header line is not valid";
    }
    if (text.contains("protocol") || text.contains("http version")) {
      return "the HTTP version is not valid";
    }
    if (text.contains("uri")) {
      return "the request target is not valid";
    }
    return null;
  }
}
