package io.fynedesk.connector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the raw body of every write request to the API ({@code POST}, {@code PUT}, {@code PATCH}
 * under {@code /api/}, and {@code POST /webhooks/notion}) once and refuses bytes that are not valid
 * UTF-8 with 400 {@code malformed} (JSON is UTF-8, RFC 8259), and a form or multipart body with 415
 * {@code unsupported_media_type}; otherwise the servlet reader failed mid-route (or Camel turned
 * the form into a map the route could not read) and the sender saw a 500. The route then reads the
 * very same bytes (so the HMAC still covers what was sent).
 */
@Component
class Utf8BodyFilter extends OncePerRequestFilter {

  /**
   * Bodies up to the largest limit of the API (2 MiB, {@code tools/convert}) are checked; larger
   * ones get their 413 from the route.
   */
  static final int MAX_CHECKED_BYTES = 2_097_152;

  static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

  private final ObjectMapper mapper;

  Utf8BodyFilter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    return !METHODS.contains(method)
        || !(path.startsWith("/api/") || "POST".equals(method) && "/webhooks/notion".equals(path));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
      refuse(
          response,
          Problem.of(415, "unsupported_media_type", "Send the body as application/json."));
      return;
    }
    InputStream in = request.getInputStream();
    byte[] head = in.readNBytes(MAX_CHECKED_BYTES + 1);
    boolean complete = head.length <= MAX_CHECKED_BYTES;
    // Above the limit the intake answers 413; the UTF-8 check only matters for bodies it will read.
    if (complete && !validUtf8(head)) {
      refuse(response, Problem.of(400, "malformed", "The body is not valid UTF-8 JSON."));
      return;
    }
    InputStream replay =
        complete
            ? new ByteArrayInputStream(head)
            : new SequenceInputStream(new ByteArrayInputStream(head), in);
    chain.doFilter(new Replayed(request, replay), response);
  }

  private void refuse(HttpServletResponse response, Problem problem) throws IOException {
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    mapper.writeValue(response.getOutputStream(), problem);
  }

  static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The request with its body replayed from the bytes already read. */
  private static final class Replayed extends HttpServletRequestWrapper {

    private final ServletInputStream stream;

    Replayed(HttpServletRequest request, InputStream body) {
      super(request);
      this.stream =
          new ServletInputStream() {
            private boolean finished;

            @Override
            public int read() throws IOException {
              int b = body.read();
              finished = b < 0;
              return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = body.read(b, off, len);
              finished = n < 0;
              return n;
            }

            @Override
            public boolean isFinished() {
              return finished;
            }

            @Override
            public boolean isReady() {
              return true;
            }

            /**
             * Non-blocking readers get the body at once: it is in memory (beyond the checked limit,
             * the rest follows from the container's stream), so it is always ready.
             */
            @Override
            public void setReadListener(ReadListener listener) {
              try {
                listener.onDataAvailable();
                if (finished) {
                  listener.onAllDataRead();
                }
              } catch (IOException | RuntimeException e) {
                listener.onError(e);
              }
            }
          };
    }

    @Override
    public ServletInputStream getInputStream() {
      return stream;
    }

    @Override
    public BufferedReader getReader() {
      String enc = getCharacterEncoding();
      Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
      return new BufferedReader(new InputStreamReader(stream, cs));
    }
  }
}
