package io.fynedesk.connector.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical Notion call: takes budget, sets headers, retries what is safe, maps errors.
 *
 * <p>429 and 529 are retried for every method (after {@code Retry-After}, which also closes the
 * connection's gate for every thread). 500/502/503/504 and network failures are retried only for
 * GET and DELETE: a POST or PATCH may have taken effect before the failure, so the caller decides
 * (the exception says {@code retryable}).
 *
 * @see <a href="https://developers.notion.com/reference/request-limits">Notion request limits</a>
 */
final class NotionTransport {

  private static final Logger log = LoggerFactory.getLogger(NotionTransport.class);
  private static final List<Integer> SERVER_RETRYABLE = List.of(500, 502, 503, 504);

  private final String baseUrl;
  private final String version;
  private final ObjectMapper mapper;
  private final List<NotionConnectionListener> listeners;
  private final NotionClientSettings settings;
  private final NotionRateBudget budget;
  private final HttpClient http;

  NotionTransport(NotionProperties properties, ObjectMapper mapper,
      List<NotionConnectionListener> listeners, NotionClientSettings settings) {
    this.baseUrl = properties.api().baseUrl().replaceAll("/+$", "");
    this.version = properties.api().version();
    this.mapper = mapper;
    this.listeners = List.copyOf(listeners);
    this.settings = settings;
    this.budget = new NotionRateBudget(properties.rateLimit().requestsPerSecond());
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
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

  JsonNode send(NotionAuth auth, Priority priority, String method, String path, JsonNode body) {
    boolean idempotent = method.equals("GET") || method.equals("DELETE");
    int tries = 0;
    int rateLimitedTries = 0;
    while (true) {
      NotionApiException error;
      try {
        budget.acquire(auth.connectionKey(), priority);
        HttpResponse<byte[]> response = http.send(request(auth, method, path, body),
            HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 == 2) {
          return response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
        }
        error = NotionErrors.fromResponse(mapper, response);
      } catch (IOException e) {
        error = new NotionApiException(0, NotionApiException.NETWORK_ERROR, String.valueOf(e.getMessage()),
            null, true, null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NotionApiException(0, NotionApiException.NETWORK_ERROR, "interrupted", null, true, null, e);
      }
      if (error instanceof NotionUnauthorizedException unauthorized) {
        listeners.forEach(l -> l.unauthorized(auth.connectionKey(), unauthorized.notionMessage()));
        throw unauthorized;
      }
      Duration wait;
      if (error instanceof NotionRateLimitedException) {
        budget.recordRateLimited(auth.connectionKey());
        if (error.retryAfter() != null) {
          budget.blockFor(auth.connectionKey(), error.retryAfter());
        }
        rateLimitedTries++;
        boolean waitTooLong = error.retryAfter() != null && error.retryAfter().compareTo(settings.maxDelay()) > 0;
        if (rateLimitedTries >= settings.maxRateLimitedAttempts() || waitTooLong) {
          throw error;
        }
        // With Retry-After the gate does the waiting (for every thread of this connection).
        wait = error.retryAfter() != null ? Duration.ZERO : backoff(rateLimitedTries);
      } else {
        tries++;
        boolean retry = idempotent && tries < settings.maxAttempts()
            && (error.status() == 0 || SERVER_RETRYABLE.contains(error.status()));
        if (!retry) {
          throw error;
        }
        wait = backoff(tries);
      }
      log.debug("Notion {} {} for {} failed ({}), retrying in {}", method, path, auth.connectionKey(),
          error.code(), wait);
      pause(wait);
    }
  }

  private HttpRequest request(NotionAuth auth, String method, String path, JsonNode body)
      throws IOException {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(settings.requestTimeout())
        .header("Authorization", "Bearer " + auth.token())
        .header("Notion-Version", version)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .method(method, publisher)
        .build();
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
      throw new NotionApiException(0, NotionApiException.NETWORK_ERROR, "interrupted", null, true, null, e);
    }
  }
}
