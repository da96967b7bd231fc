package io.fynedesk.connector.notion;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Resilience4j circuit breaker per Notion connection. It opens after {@code failureThreshold}
 * consecutive 5xx or network failures; while open, nothing is sent for that connection ({@link
 * NotionUnavailableException}, the inbox holds the work) except one {@code GET /v1/users/me} probe
 * every {@code probeInterval} (route {@code notion-circuit-probe}); the first probe Notion answers
 * closes it, and the held work is released at once. Bound in the Camel registry as {@value #BEAN}.
 */
public final class NotionCircuits {

  /** Registry name the routes call. */
  public static final String BEAN = "notionCircuits";

  private final CircuitBreakerRegistry registry;
  private final Map<String, NotionAuth> lastAuth = new ConcurrentHashMap<>();

  public NotionCircuits(NotionCircuitProperties properties) {
    int n = properties.failureThreshold();
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            // The last n calls all failed = n consecutive failures.
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(n)
            .minimumNumberOfCalls(n)
            .failureRateThreshold(100)
            .waitDurationInOpenState(properties.probeInterval())
            // Only the probe goes through while half-open; its answer decides.
            .permittedNumberOfCallsInHalfOpenState(1)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .writableStackTraceEnabled(false)
            .build();
    this.registry = CircuitBreakerRegistry.of(config);
  }

  /**
   * Before a request: throws {@link NotionUnavailableException} unless the connection's circuit is
   * closed or this is the probe.
   */
  void check(NotionAuth auth, boolean probe) {
    lastAuth.put(auth.connectionKey(), auth);
    if (!probe && breaker(auth.connectionKey()).getState() != CircuitBreaker.State.CLOSED) {
      throw new NotionUnavailableException(auth.connectionKey());
    }
  }

  /** Notion answered (any status but 5xx): the connection is reachable. */
  void answered(String connectionKey) {
    breaker(connectionKey).onSuccess(0, TimeUnit.NANOSECONDS);
  }

  /** A 5xx answer or no answer at all. */
  void failed(String connectionKey, Throwable error) {
    breaker(connectionKey).onError(0, TimeUnit.NANOSECONDS, error);
  }

  /** Whether the connection's circuit is closed (requests are sent). */
  public boolean closed(String connectionKey) {
    return breaker(connectionKey).getState() == CircuitBreaker.State.CLOSED;
  }

  /**
   * Route step: the connections whose circuit is open and due for a probe (each now half-open,
   * waiting for its probe's answer), as the credentials to probe with.
   */
  public List<NotionAuth> dueProbes() {
    List<NotionAuth> due = new ArrayList<>();
    for (CircuitBreaker breaker : registry.getAllCircuitBreakers()) {
      if (breaker.getState() == CircuitBreaker.State.OPEN && breaker.tryAcquirePermission()) {
        NotionAuth auth = lastAuth.get(breaker.getName());
        if (auth != null) {
          due.add(auth);
        } else {
          breaker.releasePermission();
        }
      }
    }
    return due;
  }

  private CircuitBreaker breaker(String connectionKey) {
    return registry.circuitBreaker(connectionKey);
  }
}
