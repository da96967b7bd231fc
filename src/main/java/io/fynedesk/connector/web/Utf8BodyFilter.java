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
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the raw body of {@code POST /api/v1/events} and {@code POST /webhooks/notion} once and
 * refuses bytes that are not valid UTF-8 with 400 {@code malformed}; otherwise the servlet reader
 * fails mid-route and the sender saw a 500. The route then reads the very same bytes (so the HMAC
 * still covers what was sent).
 */
@Component
class Utf8BodyFilter extends OncePerRequestFilter {

  /**
   * Bodies up to the intakes' limit (1 MiB) are checked; larger ones get their 413 from the route.
   */
  static final int MAX_CHECKED_BYTES = 1_048_576;

  static final Set<String> PATHS = Set.of("/api/v1/events", "/webhooks/notion");

  private final ObjectMapper mapper;

  Utf8BodyFilter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equalsIgnoreCase(request.getMethod()) || !PATHS.contains(path);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    InputStream in = request.getInputStream();
    byte[] head = in.readNBytes(MAX_CHECKED_BYTES + 1);
    boolean complete = head.length <= MAX_CHECKED_BYTES;
    // Above the limit the intake answers 413; the UTF-8 check only matters for bodies it will read.
    if (complete && !validUtf8(head)) {
      response.setStatus(400);
      response.setContentType(Problem.MEDIA_TYPE);
      response.setCharacterEncoding("UTF-8");
      mapper.writeValue(
          response.getOutputStream(),
          Problem.of(400, "malformed", "The body is not valid UTF-8 JSON."));
      return;
    }
    InputStream replay =
        complete
            ? new ByteArrayInputStream(head)
            : new SequenceInputStream(new ByteArrayInputStream(head), in);
    chain.doFilter(new Replayed(request, replay), response);
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
