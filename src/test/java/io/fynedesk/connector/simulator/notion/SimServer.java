package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.fynedesk.connector.blocks.NotionLimits;
import io.fynedesk.connector.simulator.notion.SimModel.Token;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** HTTP front of the simulator: headers, routing, auth, rate limit, faults, errors, call log. */
final class SimServer {

  private final SimState state;
  private final SimRoutes routes;
  private final SimOAuth oauth;
  private final SimFaults faults;
  private final SimRateLimiter limiter;
  final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService delayed =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "notion-sim-latency");
            t.setDaemon(true);
            return t;
          });

  SimServer(
      SimState state, SimRoutes routes, SimOAuth oauth, SimFaults faults, SimRateLimiter limiter) {
    this.state = state;
    this.routes = routes;
    this.oauth = oauth;
    this.faults = faults;
    this.limiter = limiter;
  }

  private record Answer(int status, byte[] body, Integer retryAfter, boolean drop, boolean json) {}

  /**
   * Path of the simulator's own read-only figures: not Notion's API, not logged, not rate limited.
   */
  static final String STATS_PATH = "/_sim/stats";

  void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getRawPath().equals(STATS_PATH)) {
      exchange.getRequestBody().readAllBytes();
      Answer stats =
          exchange.getRequestMethod().equals("GET")
              ? new Answer(200, state.mapper.writeValueAsBytes(stats()), null, false, true)
              : errorAnswer(SimError.invalidUrl(exchange.getRequestMethod(), STATS_PATH), "stats");
      respond(exchange, stats, "stats");
      return;
    }
    if (exchange.getRequestURI().getRawPath().equals("/v1/oauth/authorize")) {
      consent(exchange);
      return;
    }
    Instant at = Instant.now();
    String requestId = UUID.randomUUID().toString();
    byte[] body = exchange.getRequestBody().readAllBytes();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Fault latency = faults.take(method, path, true);
    // Simulated latency is scheduled, not slept: a slow answer holds no server thread. "after"
    // latency means Notion did the work and its answer is late (a caller dying then loses it).
    Duration before = latency != null && !latency.after ? latency.latency : Duration.ZERO;
    Duration after = latency != null && latency.after ? latency.latency : Duration.ZERO;
    later(
        before,
        () -> {
          Answer answer = answer(exchange, method, path, body, requestId);
          later(
              after,
              () -> {
                calls.add(
                    new RecordedCall(
                        at,
                        method,
                        path,
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Notion-Version"),
                        bearer(exchange),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body, StandardCharsets.UTF_8),
                        answer.drop() ? 0 : answer.status(),
                        requestId));
                try {
                  respond(exchange, answer, requestId);
                } catch (IOException e) {
                  exchange.close(); // the caller went away
                }
              });
        });
  }

  /** Notion's consent page, answered at once as the redirect the browser would follow. */
  private void consent(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (!exchange.getRequestMethod().equals("GET")) {
      respond(
          exchange,
          errorAnswer(
              SimError.invalidUrl(exchange.getRequestMethod(), "/v1/oauth/authorize"), "consent"),
          "consent");
      return;
    }
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    String location;
    try {
      synchronized (state) {
        location = oauth.authorize(query);
      }
    } catch (SimError e) {
      respond(exchange, errorAnswer(e, "consent"), "consent");
      return;
    }
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void later(Duration delay, Runnable work) {
    if (delay.isZero()) {
      work.run();
    } else {
      delayed.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static String bearer(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null && authorization.startsWith("Bearer ")
        ? authorization.substring(7).trim()
        : null;
  }

  private Answer answer(
      HttpExchange exchange, String method, String path, byte[] body, String requestId) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    try {
      Fault fault = faults.take(method, path, false);
      if (fault != null && !fault.after) {
        return faultAnswer(fault, requestId);
      }
      JsonNode result =
          process(
              method,
              path,
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Notion-Version"),
              authorization,
              bearer(exchange),
              body);
      return fault != null
          ? faultAnswer(fault, requestId)
          : new Answer(200, state.mapper.writeValueAsBytes(result), null, false, true);
    } catch (SimError e) {
      return errorAnswer(e, requestId);
    } catch (JsonProcessingException | RuntimeException e) {
      return errorAnswer(
          new SimError(500, "internal_server_error", "simulator bug: " + e), requestId);
    }
  }

  /** Stops the scheduler of delayed answers. */
  void shutdown() {
    delayed.shutdownNow();
  }

  /**
   * Figures of the call log (Notion API calls only) and the stored rows: requests, 429s, pages
   * created, first/last call and last page creation (epoch ms), calls per endpoint, rows per data
   * source.
   */
  ObjectNode stats() {
    ObjectNode out = state.mapper.createObjectNode();
    long requests = 0;
    long rateLimited = 0;
    long pagesCreated = 0;
    long first = 0;
    long last = 0;
    long lastPage = 0;
    Map<String, Long> byEndpoint = new TreeMap<>();
    for (RecordedCall call : calls) {
      long at = call.at().toEpochMilli();
      requests++;
      first = first == 0 ? at : Math.min(first, at);
      last = Math.max(last, at);
      if (call.status() == 429) {
        rateLimited++;
      }
      if (call.method().equals("POST") && call.path().equals("/v1/pages") && call.status() == 200) {
        pagesCreated++;
        lastPage = Math.max(lastPage, at);
      }
      byEndpoint.merge(call.method() + " " + endpoint(call.path()), 1L, Long::sum);
    }
    out.put("requests", requests)
        .put("rateLimited", rateLimited)
        .put("pagesCreated", pagesCreated)
        .put("firstRequestAt", first)
        .put("lastRequestAt", last)
        .put("lastPageCreatedAt", lastPage);
    ObjectNode endpoints = out.putObject("byEndpoint");
    byEndpoint.forEach(endpoints::put);
    ObjectNode rows = out.putObject("rows");
    synchronized (state) {
      state.pages.values().stream()
          .filter(p -> p.dataSourceId != null && !p.inTrash)
          .forEach(p -> rows.put(p.dataSourceId, rows.path(p.dataSourceId).asLong(0) + 1));
    }
    return out;
  }

  /** {@code /v1/blocks/abc/children} → {@code /v1/blocks/{id}/children}. */
  private static String endpoint(String path) {
    String[] parts = path.split("/", -1);
    if (parts.length > 3 && parts[1].equals("v1") && !parts[2].equals("oauth")) {
      parts[3] = "{id}";
    }
    return String.join("/", parts);
  }

  private JsonNode process(
      String method,
      String path,
      String rawQuery,
      String version,
      String authorization,
      String bearer,
      byte[] body) {
    if (path.startsWith("/v1/oauth/")) {
      if (!method.equals("POST")) {
        throw SimError.invalidUrl(method, path);
      }
      JsonNode json = parse(body);
      synchronized (state) {
        return oauth.handle(path, authorization, json);
      }
    }
    if (version == null || version.isBlank()) {
      throw new SimError(
          400,
          "missing_version",
          "Notion-Version header failed validation: Notion-Version"
              + " header should be defined, instead was `undefined`.");
    }
    SimRoutes.Match match = routes.match(method, path);
    if (match == null) {
      throw SimError.invalidUrl(method, path);
    }
    Token token;
    synchronized (state) {
      token = state.token(bearer);
    }
    int wait = limiter.take(token.token);
    if (wait > 0) {
      ObjectNode data =
          state.mapper.createObjectNode().put("rate_limit_reason", "connection_rate_limit");
      throw new SimError(
          429,
          "rate_limited",
          "You have been rate limited. Please try again in a few minutes.",
          wait,
          data);
    }
    if (body.length > NotionLimits.MAX_PAYLOAD_BYTES) {
      throw SimError.validation(
          "Request body too large: " + body.length + " bytes; the limit is 500KB.");
    }
    JsonNode json = method.equals("GET") || method.equals("DELETE") ? null : parse(body);
    synchronized (state) {
      return match
          .handler()
          .apply(
              new SimRequest(method, path, match.params(), query(rawQuery), json, token, version));
    }
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return state.mapper.createObjectNode();
    }
    try {
      JsonNode json = state.mapper.readTree(body);
      if (json == null || !json.isObject()) {
        throw new SimError(
            400, "invalid_json", "Error parsing JSON body: body should be an object.");
      }
      return json;
    } catch (IOException e) {
      throw new SimError(400, "invalid_json", "Error parsing JSON body.");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        out.put(
            key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private Answer faultAnswer(Fault fault, String requestId) throws JsonProcessingException {
    if (fault.drop) {
      return new Answer(0, new byte[0], null, true, false);
    }
    if (fault.nonJson) {
      return new Answer(
          fault.status,
          ("<html><head><title>502 Bad Gateway</title></head><body>"
                  + "<center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>")
              .getBytes(StandardCharsets.UTF_8),
          null,
          false,
          false);
    }
    return errorAnswer(
        new SimError(
            fault.status,
            fault.code,
            "Injected fault: " + fault.code,
            fault.retryAfterSeconds,
            null),
        requestId);
  }

  private Answer errorAnswer(SimError e, String requestId) {
    ObjectNode error =
        state
            .mapper
            .createObjectNode()
            .put("object", "error")
            .put("status", e.status)
            .put("code", e.code)
            .put("message", e.getMessage())
            .put("request_id", requestId);
    if (e.additionalData != null) {
      error.set("additional_data", e.additionalData);
    }
    return new Answer(
        e.status,
        error.toString().getBytes(StandardCharsets.UTF_8),
        e.retryAfterSeconds,
        false,
        true);
  }

  private static void respond(HttpExchange exchange, Answer answer, String requestId)
      throws IOException {
    if (answer.drop()) {
      // Promise a body and close early: the client sees the connection end without an answer.
      try {
        exchange.sendResponseHeaders(200, 1024);
        exchange.getResponseBody().write('{');
        exchange.getResponseBody().flush();
        exchange.close();
      } catch (IOException expected) {
        // "insufficient bytes written": the connection is closed, which is the point.
      }
      return;
    }
    exchange
        .getResponseHeaders()
        .set("Content-Type", answer.json() ? "application/json; charset=utf-8" : "text/html");
    exchange.getResponseHeaders().set("x-notion-request-id", requestId);
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().set("Retry-After", String.valueOf(answer.retryAfter()));
    }
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }
}
