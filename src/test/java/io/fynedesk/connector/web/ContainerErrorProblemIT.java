package io.fynedesk.connector.web;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Http.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests Tomcat refuses itself, before Spring sees them (request line, headers, URI decoding,
 * TRACE), still answer the contract's problem+json, never Tomcat's HTML report; so do those Spring
 * Security's firewall refuses, on the request and again on its error page's dispatch (an unknown
 * method). Sent over a plain socket: an HTTP client would refuse to write most of them.
 */
class ContainerErrorProblemIT extends AbstractConnectorIT {

  @Test
  void badPercentEncodingIsMalformed() {
    Answer a = raw("GET /api/v1/integration/notion/%zz/fetch HTTP/1.1", List.of());
    assertMalformed(a);
    assertThat(a.json().get("detail").asText()).contains("percent-encoding");
  }

  @Test
  void encodedSlashIsMalformed() {
    assertMalformed(raw("GET /api/v1/integration/notion/a%2Fb/fetch HTTP/1.1", List.of()));
  }

  @Test
  void backslashInThePathIsMalformed() {
    assertMalformed(raw("GET /api/v1/connections\\notion HTTP/1.1", List.of()));
  }

  @Test
  void headerAboveTheLimitIsMalformed() {
    assertMalformed(
        raw("GET /api/v1/connections/notion HTTP/1.1", List.of("X-Big: " + "a".repeat(20_000))));
  }

  @Test
  void requestLineAboveTheLimitIsMalformed() {
    Answer a =
        raw(
            "GET /api/v1/connections/notion/resources?query=" + "a".repeat(20_000) + " HTTP/1.1",
            List.of());
    assertMalformed(a);
    assertThat(a.json().get("detail").asText()).contains("size limit").doesNotContain("aaaa");
  }

  @Test
  void spaceBeforeAHeaderColonIsMalformedWithoutQuotingTheHeader() {
    Answer a = raw("GET /api/v1/connections/notion HTTP/1.1", List.of("X-Connector-Org : x"));
    assertMalformed(a);
    assertThat(a.body()).doesNotContainIgnoringCase("x-connector-org");
  }

  @Test
  void unknownMethodIsMalformedNotAnEmptyBody() {
    assertMalformed(raw("FOO /api/v1/events HTTP/1.1", List.of()));
  }

  @Test
  void firewallRefusalsStayMalformed() {
    assertMalformed(raw("GET //api/v1/connections/notion HTTP/1.1", List.of()));
    assertMalformed(raw("GET /api/v1/connections/notion;x=1 HTTP/1.1", List.of()));
  }

  @Test
  void traceIsMethodNotAllowed() {
    Answer a = raw("TRACE /api/v1/events HTTP/1.1", List.of());
    assertProblem(a, 405, "method_not_allowed");
    assertThat(a.body()).doesNotContain("TRACE /api");
  }

  @Test
  void connectIsMethodNotAllowedNotA5xx() {
    for (String path : List.of("/api/v1/events", "/api/v1/connections/notion")) {
      assertProblem(raw("CONNECT " + path + " HTTP/1.1", List.of()), 405, "method_not_allowed");
    }
  }

  @Test
  void traceOnAnAdminPathIsMethodNotAllowedToo() {
    assertProblem(
        raw("TRACE /api/v1/connections/notion HTTP/1.1", List.of()), 405, "method_not_allowed");
  }

  /** The answer is 400 {@code malformed} problem+json with a plain detail, no HTML or trace. */
  private static void assertMalformed(Answer a) {
    assertProblem(a, 400, "malformed");
    assertThat(a.json().get("detail").asText()).startsWith("The request could not be read");
    assertThat(a.body())
        .doesNotContain("<html")
        .doesNotContain("Tomcat")
        .doesNotContain("at org.")
        .doesNotContain("\\n\\t");
  }

  /** Writes one request by hand ({@code Connection: close}) and reads the whole answer. */
  private Answer raw(String requestLine, List<String> headers) {
    StringBuilder request = new StringBuilder(requestLine).append("\r\n");
    request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    headers.forEach(h -> request.append(h).append("\r\n"));
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(requestLine.substring(0, 40) + " failed", e);
    }
  }

  private static Answer parse(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("an HTTP answer: " + text).isPositive();
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] body = new byte[bytes.length - end - 4];
    System.arraycopy(bytes, end + 4, body, 0, body.length);
    Answer head = new Answer(status, headers, "");
    if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
      body = dechunk(new ByteArrayInputStream(body));
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          return out.toByteArray();
        }
        if (c != '\r') {
          size.append((char) c);
        }
      }
      int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      in.readNBytes(2);
    }
  }
}
