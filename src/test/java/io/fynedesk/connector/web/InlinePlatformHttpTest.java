package io.fynedesk.connector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;

/** A platform-http request whose route already finished is answered without an async dispatch. */
class InlinePlatformHttpTest {

  private final List<Object> delegated = new ArrayList<>();
  private final HandlerMethodReturnValueHandler async =
      new HandlerMethodReturnValueHandler() {
        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
          return true;
        }

        @Override
        public void handleReturnValue(
            Object value, MethodParameter type, ModelAndViewContainer mav, NativeWebRequest req) {
          delegated.add(value);
        }
      };
  private final InlinePlatformHttp.CompletedCamelReply reply =
      new InlinePlatformHttp.CompletedCamelReply(async);
  private final NativeWebRequest request = new ServletWebRequest(new MockHttpServletRequest());

  private static MethodParameter serviceReturn() throws NoSuchMethodException {
    Method service =
        SpringBootPlatformHttpConsumer.class.getMethod(
            "service", HttpServletRequest.class, HttpServletResponse.class);
    return new MethodParameter(service, -1);
  }

  @Test
  void handlesOnlyCamelsServiceMethod() throws Exception {
    assertThat(reply.supportsReturnType(serviceReturn())).isTrue();
    Method other = CompletableFuture.class.getMethod("completedFuture", Object.class);
    assertThat(reply.supportsReturnType(new MethodParameter(other, -1))).isFalse();
  }

  @Test
  void completedRouteIsFinishedOnTheSpot() throws Exception {
    ModelAndViewContainer mav = new ModelAndViewContainer();
    reply.handleReturnValue(CompletableFuture.completedFuture(null), serviceReturn(), mav, request);
    assertThat(mav.isRequestHandled()).isTrue();
    assertThat(delegated).isEmpty();
  }

  @Test
  void unfinishedRouteStillGoesTheAsyncWay() throws Exception {
    ModelAndViewContainer mav = new ModelAndViewContainer();
    CompletableFuture<Void> running = new CompletableFuture<>();
    reply.handleReturnValue(running, serviceReturn(), mav, request);
    assertThat(delegated).containsExactly(running);
    assertThat(mav.isRequestHandled()).isFalse();
  }

  @Test
  void failedRouteRethrowsItsCause() {
    ModelAndViewContainer mav = new ModelAndViewContainer();
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                reply.handleReturnValue(
                    CompletableFuture.failedFuture(boom), serviceReturn(), mav, request))
        .isSameAs(boom);
    assertThat(mav.isRequestHandled()).isFalse();
  }
}
