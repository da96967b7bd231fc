package io.fynedesk.connector.simulator.notion;

import java.time.Duration;

/**
 * A fault the simulator injects into matching requests, e.g. {@code Fault.status(503,
 * "service_unavailable").on("POST", "/v1/pages").times(3)}.
 *
 * <p>By default a fault answers instead of the endpoint; {@link #afterHandling()} lets the endpoint
 * do its work first (the page is created) and then answers the fault, which simulates Notion
 * failing after it committed. {@link #dropConnection()} closes the connection without an answer.
 */
public final class Fault {

  final String method;
  final String pathRegex;
  final int status;
  final String code;
  final Integer retryAfterSeconds;
  final boolean nonJson;
  final boolean drop;
  final boolean after;
  final Duration latency;
  final int times;
  final Duration during;

  private Fault(
      String method,
      String pathRegex,
      int status,
      String code,
      Integer retryAfterSeconds,
      boolean nonJson,
      boolean drop,
      boolean after,
      Duration latency,
      int times,
      Duration during) {
    this.method = method;
    this.pathRegex = pathRegex;
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.nonJson = nonJson;
    this.drop = drop;
    this.after = after;
    this.latency = latency;
    this.times = times;
    this.during = during;
  }

  /** Answers a Notion error JSON with this status and code. */
  public static Fault status(int status, String code) {
    return new Fault(null, ".*", status, code, null, false, false, false, null, 1, null);
  }

  /** Answers 429 {@code rate_limited} with {@code Retry-After: seconds}. */
  public static Fault rateLimited(int retryAfterSeconds) {
    return status(429, "rate_limited").retryAfter(retryAfterSeconds);
  }

  /** Answers 502 with an HTML body, as Notion's edge does. */
  public static Fault nonJson502() {
    return new Fault(null, ".*", 502, null, null, true, false, false, null, 1, null);
  }

  /** Closes the connection without an answer. */
  public static Fault dropConnection() {
    return new Fault(null, ".*", 0, null, null, false, true, false, null, 1, null);
  }

  /** Delays matching requests, then handles them normally. */
  public static Fault latency(Duration latency) {
    return new Fault(null, ".*", 0, null, null, false, false, false, latency, 1, null);
  }

  /** Only requests with this method (null: any) and a path matching this regex. */
  public Fault on(String method, String pathRegex) {
    return new Fault(
        method,
        pathRegex,
        status,
        code,
        retryAfterSeconds,
        nonJson,
        drop,
        after,
        latency,
        times,
        during);
  }

  /** Adds a {@code Retry-After} header. */
  public Fault retryAfter(int seconds) {
    return new Fault(
        method, pathRegex, status, code, seconds, nonJson, drop, after, latency, times, during);
  }

  /** Applies to the next {@code n} matching requests (default 1). */
  public Fault times(int n) {
    return new Fault(
        method, pathRegex, status, code, retryAfterSeconds, nonJson, drop, after, latency, n, null);
  }

  /** Applies to every matching request for this long (simulator clock), instead of a count. */
  public Fault during(Duration duration) {
    return new Fault(
        method,
        pathRegex,
        status,
        code,
        retryAfterSeconds,
        nonJson,
        drop,
        after,
        latency,
        0,
        duration);
  }

  /** Lets the endpoint do its work, then answers the fault (or drops the connection). */
  public Fault afterHandling() {
    return new Fault(
        method,
        pathRegex,
        status,
        code,
        retryAfterSeconds,
        nonJson,
        drop,
        true,
        latency,
        times,
        during);
  }

  boolean isLatency() {
    return latency != null;
  }
}
