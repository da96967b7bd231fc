package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes simulator requests: latency and injected faults, then authentication, then the matching
 * call.
 */
final class SimulatorHttpHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorHttpHandler.class);

  private record Route(String method, Pattern path, Function<SimRequest, SimResponse> handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final ObjectMapper json;
  private final Faults faults;
  private final Supplier<String> token;
  private final Consumer<RecordedCall> recorder;

  SimulatorHttpHandler(
      ObjectMapper json, Faults faults, Supplier<String> token, Consumer<RecordedCall> recorder) {
    this.json = json;
    this.faults = faults;
    this.token = token;
    this.recorder = recorder;
  }

  SimulatorHttpHandler route(
      String method, String pathRegex, Function<SimRequest, SimResponse> handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    SimRequest request =
        new SimRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestHeaders().getFirst(FyneDeskHeaders.ORGANIZATION),
            exchange.getRequestHeaders().getFirst(FyneDeskHeaders.ORIGIN),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestBody().readAllBytes(),
            null);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    // Simulated latency is scheduled, not slept, so a slow answer holds no server thread.
    faults.later(
        () -> {
          try (exchange) {
            SimResponse response = answer(request, authorization);
            recorder.accept(
                new RecordedCall(
                    request.method(),
                    request.path(),
                    request.org(),
                    request.origin(),
                    describe(request),
                    response.status()));
            write(exchange, response);
          } catch (IOException e) {
            LOG.debug(
                "FyneDesk simulator could not answer {} {}: {}",
                request.method(),
                request.path(),
                e.toString());
          }
        });
  }

  private SimResponse answer(SimRequest request, String authorization) {
    try {
      OptionalInt fault = faults.take(request.path());
      if (fault.isPresent()) {
        return SimResponse.problem(
            json, fault.getAsInt(), codeOf(fault.getAsInt()), "injected fault");
      }
      if (request.path().startsWith("/api/")) {
        if (!("Bearer " + token.get()).equals(authorization)) {
          return SimResponse.problem(json, 401, "unauthorized", "missing or wrong bearer token");
        }
        if (request.org() == null || request.org().isBlank()) {
          return SimResponse.problem(
              json, 400, "validation_failed", FyneDeskHeaders.ORGANIZATION + " is required");
        }
      }
      return dispatch(request);
    } catch (ProblemException e) {
      return SimResponse.problem(json, e.status, e.code, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("FyneDesk simulator failed on {} {}", request.method(), request.path(), e);
      return SimResponse.problem(json, 500, "internal_error", e.toString());
    }
  }

  private SimResponse dispatch(SimRequest request) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher matcher = route.path().matcher(request.path());
      if (matcher.matches()) {
        pathKnown = true;
        if (route.method().equals(request.method())) {
          return route.handler().apply(request.withParams(matcher));
        }
      }
    }
    return pathKnown
        ? SimResponse.problem(
            json, 405, "method_not_allowed", request.method() + " not allowed here")
        : SimResponse.problem(json, 404, "not_found", "no such route " + request.path());
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 429 -> "rate_limited";
      case 401 -> "unauthorized";
      case 404 -> "not_found";
      case 409 -> "conflict";
      default -> status >= 500 ? "unavailable" : "validation_failed";
    };
  }

  private static String describe(SimRequest request) {
    String type = request.contentType();
    if (request.body().length == 0) {
      return "";
    }
    if (type != null && (type.contains("json") || type.startsWith("text/"))) {
      return new String(request.body(), StandardCharsets.UTF_8);
    }
    return "[" + request.body().length + " bytes of " + type + "]";
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    response.headers().forEach(exchange.getResponseHeaders()::set);
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
