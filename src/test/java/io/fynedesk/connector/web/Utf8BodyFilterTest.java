package io.fynedesk.connector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The replayed body serves blocking and non-blocking readers alike. */
class Utf8BodyFilterTest {

  private final Utf8BodyFilter filter = new Utf8BodyFilter(new ObjectMapper());

  private MockFilterChain pass(byte[] body) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/events");
    request.setContent(body);
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, new MockHttpServletResponse(), chain);
    return chain;
  }

  @Test
  void aNonBlockingReaderGetsTheWholeBodyAndItsEnd() throws Exception {
    byte[] body = "{\"id\":\"evt_ü\"}".getBytes(StandardCharsets.UTF_8);
    ServletInputStream in = pass(body).getRequest().getInputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    List<String> calls = new ArrayList<>();
    in.setReadListener(
        new ReadListener() {
          @Override
          public void onDataAvailable() throws IOException {
            calls.add("data");
            byte[] buf = new byte[4];
            for (int n; in.isReady() && (n = in.read(buf)) >= 0; ) {
              read.write(buf, 0, n);
            }
          }

          @Override
          public void onAllDataRead() {
            calls.add("end");
          }

          @Override
          public void onError(Throwable t) {
            calls.add("error");
          }
        });
    assertThat(read.toByteArray()).isEqualTo(body);
    assertThat(calls).containsExactly("data", "end");
    assertThat(in.isFinished()).isTrue();
  }

  @Test
  void invalidUtf8NeverReachesTheRoute() throws Exception {
    assertThat(pass(new byte[] {'{', (byte) 0xC3, '}'}).getRequest()).isNull();
  }
}
