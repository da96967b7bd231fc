package io.fynedesk.connector.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed steps of the {@code notion-request} route ({@code routes/notion-api.camel.yaml}): takes
 * budget, sets headers, decides what is retried, maps errors. The request itself is the route's
 * {@code http} step. Bound in the Camel registry as {@value #BEAN}.
 *
 * <p>429 and 529 are retried for every method (after {@code Retry-After}, which also closes the
 * connection's gate for every thread). 500/502/503/504 and network failures are retried only for
 * GET and DELETE: a POST or PATCH may have taken effect before the failure, so the caller decides
 * (the exception says {@code retryable}).
 *
 * @see <a href="https://developers.notion.com/reference/request-limits">Notion request limits</a>
 */
public final class NotionTransport {

  /** Registry name the routes call. */
  public static final String BEAN = "notionCalls";

  // Exchange properties a caller of direct:notion-request (or an operation route) sets.
  static final String AUTH = "notionAuth";
  static final String PRIORITY = "notionPriority";
  static final String METHOD = "notionMethod";
  static final String PATH = "notionPath";
  static final String QUERY = "notionQuery";
  static final String BODY = "notionBody";
  static final String ID = "notionId";

  /** Set by the circuit probe: the request goes out although the circuit is open, and once. */
  static final String PROBE = "notionProbe";

  // Set by acquire for NotionMetrics: how long this attempt waited for budget and gate.
  static final String BUDGET_WAIT_NANOS = "notionBudgetWaitNanos";
  // Loop state of notion-request.
  private static final String AGAIN = "notionAgain";
  private static final String QUERY_TAIL = "notionQueryTail";
  private static final String TRIES = "notionTries";
  private static final String RATE_LIMITED_TRIES = "notionRateLimitedTries";
  private static final String RENEWED = "notionTokenRenewed";

  private static final Logger log = LoggerFactory.getLogger(NotionTransport.class);
  private static final List<Integer> SERVER_RETRYABLE = List.of(500, 502, 503, 504);

  private final String version;
  private final ObjectMapper mapper;
  private final List<NotionConnectionListener> listeners;
  private final NotionClientSettings settings;
  private final NotionRateBudget budget;
  private final NotionCircuits circuits;

  NotionTransport(
      NotionProperties properties,
      ObjectMapper mapper,
      List<NotionConnectionListener> listeners,
      NotionClientSettings settings) {
    this(
        properties,
        mapper,
        listeners,
        settings,
        new NotionRateBudget(properties.rateLimit().requestsPerSecond()),
        new NotionCircuits(NotionCircuitProperties.defaults()));
  }

  NotionTransport(
      NotionProperties properties,
      ObjectMapper mapper,
      List<NotionConnectionListener> listeners,
      NotionClientSettings settings,
      NotionRateBudget budget,
      NotionCircuits circuits) {
    this.version = properties.api().version();
    this.mapper = mapper;
    this.listeners = List.copyOf(listeners);
    this.settings = settings;
    this.budget = budget;
    this.circuits = circuits;
  }

  NotionRateBudget budget() {
    return budget;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  String version() {
    return version;
  }

  NotionClientSettings settings() {
    return settings;
  }

  /** Route step: starts the attempt loop; splits a query string off the path. */
  public void begin(Exchange exchange) {
    String path = exchange.getProperty(PATH, String.class);
    String query = exchange.getProperty(QUERY, String.class);
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1) + (query == null || query.isEmpty() ? "" : "&" + query);
      path = path.substring(0, q);
    }
    exchange.setProperty(PATH, path);
    exchange.setProperty(QUERY_TAIL, query == null || query.isEmpty() ? "" : "&" + query);
    exchange.setProperty(TRIES, 0);
    exchange.setProperty(RATE_LIMITED_TRIES, 0);
    exchange.setProperty(RENEWED, false);
    exchange.setProperty(AGAIN, true);
  }

  /**
   * Route step before each attempt: waits for the connection's budget at the call's lane (and for
   * its {@code Retry-After} gate), then sets method, headers and body of the request.
   */
  public void acquire(Exchange exchange) throws JsonProcessingException {
    NotionAuth auth = exchange.getProperty(AUTH, NotionAuth.class);
    Priority priority = exchange.getProperty(PRIORITY, Priority.BULK, Priority.class);
    // An open circuit sends nothing (and spends no budget) until the probe finds Notion again.
    circuits.check(auth, isProbe(exchange));
    try {
      timedAcquire(exchange, auth, priority);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotionApiException(
          0, NotionApiException.NETWORK_ERROR, "interrupted", null, true, null, e);
    }
    Message message = exchange.getMessage();
    // The previous attempt's response headers must not leave as request headers.
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_METHOD, exchange.getProperty(METHOD, String.class));
    message.setHeader("Authorization", "Bearer " + auth.token());
    message.setHeader("Notion-Version", version);
    message.setHeader("Accept", "application/json");
    // Every request says application/json, as Notion's SDK does; GET and DELETE with an empty body.
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    JsonNode body = exchange.getProperty(BODY, JsonNode.class);
    message.setBody(body == null ? new byte[0] : mapper.writeValueAsBytes(body));
  }

  /** Takes budget and records the wait on the exchange, for {@link NotionMetrics}. */
  private void timedAcquire(Exchange exchange, NotionAuth auth, Priority priority)
      throws InterruptedException {
    long start = System.nanoTime();
    budget.acquire(auth.connectionKey(), priority);
    exchange.setProperty(BUDGET_WAIT_NANOS, System.nanoTime() - start);
  }

  /**
   * Route step after the http step: 2xx → the answer as {@link JsonNode}; otherwise retry or throw.
   */
  public void answer(Exchange exchange) throws IOException {
    Message message = exchange.getMessage();
    int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    byte[] bytes = message.getBody(byte[].class);
    if (bytes == null) {
      bytes = new byte[0];
    }
    NotionAuth auth = exchange.getProperty(AUTH, NotionAuth.class);
    // 5xx means Notion is down (529 is its "overloaded", a rate answer like 429); any other answer
    // shows it is up.
    if (status / 100 == 5 && status != 529) {
      circuits.failed(auth.connectionKey(), new IOException("HTTP " + status));
    } else {
      circuits.answered(auth.connectionKey());
    }
    if (status / 100 == 2) {
      message.setBody(bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes));
      exchange.setProperty(AGAIN, false);
      return;
    }
    failed(
        exchange,
        NotionErrors.fromResponse(
            mapper, status, name -> message.getHeader(name, String.class), bytes));
  }

  /** Route step when the http step failed without an answer (connect, timeout, reset). */
  public void networkFailure(Exchange exchange) {
    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    circuits.failed(
        exchange.getProperty(AUTH, NotionAuth.class).connectionKey(),
        e == null ? new IOException("no answer") : e);
    failed(
        exchange,
        new NotionApiException(
            0,
            NotionApiException.NETWORK_ERROR,
            String.valueOf(e == null ? null : e.getMessage()),
            null,
            true,
            null,
            e));
  }

  private void failed(Exchange exchange, NotionApiException error) {
    NotionAuth auth = exchange.getProperty(AUTH, NotionAuth.class);
    String method = exchange.getProperty(METHOD, String.class);
    boolean idempotent = method.equals("GET") || method.equals("DELETE");
    if (error instanceof NotionUnauthorizedException unauthorized) {
      if (renewed(exchange, auth)) {
        return;
      }
      listeners.forEach(l -> l.unauthorized(auth.connectionKey(), unauthorized.notionMessage()));
      throw unauthorized;
    }
    if (isProbe(exchange)) {
      throw error; // one probe, one request: the next probe is the retry
    }
    Duration wait;
    if (error instanceof NotionRateLimitedException) {
      budget.recordRateLimited(auth.connectionKey());
      if (error.retryAfter() != null) {
        budget.blockFor(auth.connectionKey(), error.retryAfter());
      }
      int rateLimitedTries = exchange.getProperty(RATE_LIMITED_TRIES, Integer.class) + 1;
      exchange.setProperty(RATE_LIMITED_TRIES, rateLimitedTries);
      boolean waitTooLong =
          error.retryAfter() != null && error.retryAfter().compareTo(settings.maxDelay()) > 0;
      if (rateLimitedTries >= settings.maxRateLimitedAttempts() || waitTooLong) {
        throw error;
      }
      // With Retry-After the gate does the waiting (for every thread of this connection).
      wait = error.retryAfter() != null ? Duration.ZERO : backoff(rateLimitedTries);
    } else {
      int tries = exchange.getProperty(TRIES, Integer.class) + 1;
      exchange.setProperty(TRIES, tries);
      boolean retry =
          idempotent
              && tries < settings.maxAttempts()
              && (error.status() == 0 || SERVER_RETRYABLE.contains(error.status()));
      if (!retry) {
        throw error;
      }
      wait = backoff(tries);
    }
    log.debug(
        "Notion {} {} for {} failed ({}), retrying in {}",
        method,
        exchange.getProperty(PATH),
        auth.connectionKey(),
        error.code(),
        wait);
    pause(wait);
    exchange.setProperty(AGAIN, true);
  }

  /**
   * After a 401: once per call, asks the listeners for a fresh token (an OAuth refresh) and sends
   * the call again with it. A 401 means Notion did nothing, so this is safe for every method.
   */
  private boolean renewed(Exchange exchange, NotionAuth auth) {
    if (exchange.getProperty(RENEWED, false, Boolean.class)) {
      return false;
    }
    exchange.setProperty(RENEWED, true);
    for (NotionConnectionListener listener : listeners) {
      Optional<String> fresh = listener.renew(auth.connectionKey(), auth.token());
      if (fresh.isPresent()) {
        exchange.setProperty(AUTH, new NotionAuth(auth.connectionKey(), fresh.get()));
        exchange.setProperty(AGAIN, true);
        return true;
      }
    }
    return false;
  }

  private static boolean isProbe(Exchange exchange) {
    return exchange.getProperty(PROBE, false, Boolean.class);
  }

  /** Full-jitter exponential backoff: a random delay in [d/2, d], d = min(cap, base * 2^(n-1)). */
  private Duration backoff(int attempt) {
    long base = settings.baseDelay().toMillis();
    long exp = base << Math.min(attempt - 1, 20);
    long capped = Math.min(settings.maxDelay().toMillis(), exp < 0 ? Long.MAX_VALUE : exp);
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  private static void pause(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotionApiException(
          0, NotionApiException.NETWORK_ERROR, "interrupted", null, true, null, e);
    }
  }
}
