package io.fynedesk.connector.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.DeferredResultMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Camel's platform-http consumer on Spring MVC runs every route on the container's request thread.
 *
 * <p>Camel's own engine hands each request to Spring's task executor (8 threads, unbounded queue)
 * and returns a {@link CompletableFuture}, which Spring MVC answers with an async dispatch: a
 * second pass through the servlet filters and the DispatcherServlet. The intake's profile showed
 * that hand-off and second pass costing about as much as a whole liveness request. Here the engine
 * runs the route inline (the future is complete when {@code service} returns) and a return-value
 * handler placed before Spring's async one finishes a completed future on the spot; a future that
 * is not complete still goes the async way. The routes, their error handling and the responses are
 * unchanged: Camel has written the response when the future completes.
 */
@Configuration(proxyBeanMethods = false)
class InlinePlatformHttp {

  /** Replaces the starter's engine (it is {@code @ConditionalOnMissingBean}). */
  @Bean(name = "platform-http-engine")
  PlatformHttpEngine platformHttpEngine(Environment env) {
    int port = Integer.parseInt(env.getProperty("server.port", "8080"));
    return new SpringBootPlatformHttpEngine(port, Runnable::run);
  }

  @Bean
  static BeanPostProcessor completedFutureFirst() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof RequestMappingHandlerAdapter adapter
            && adapter.getReturnValueHandlers() != null) {
          List<HandlerMethodReturnValueHandler> handlers =
              new ArrayList<>(adapter.getReturnValueHandlers());
          handlers.stream()
              .filter(DeferredResultMethodReturnValueHandler.class::isInstance)
              .findFirst()
              .ifPresent(
                  async -> {
                    handlers.add(0, new CompletedCamelReply(async));
                    adapter.setReturnValueHandlers(handlers);
                  });
        }
        return bean;
      }
    };
  }

  /** Finishes a platform-http request whose route already completed, without an async dispatch. */
  static final class CompletedCamelReply implements HandlerMethodReturnValueHandler {

    private final HandlerMethodReturnValueHandler async;

    CompletedCamelReply(HandlerMethodReturnValueHandler async) {
      this.async = async;
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
      return SpringBootPlatformHttpConsumer.class.isAssignableFrom(returnType.getContainingClass())
          && CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public void handleReturnValue(
        Object value, MethodParameter type, ModelAndViewContainer mav, NativeWebRequest request)
        throws Exception {
      if (value instanceof CompletableFuture<?> future && future.isDone()) {
        try {
          future.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
        mav.setRequestHandled(true);
        return;
      }
      async.handleReturnValue(value, type, mav, request);
    }
  }
}
