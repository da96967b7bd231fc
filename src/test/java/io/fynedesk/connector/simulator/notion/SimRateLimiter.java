package io.fynedesk.connector.simulator.notion;

import java.util.HashMap;
import java.util.Map;

/** Notion's per-connection request budget: a token bucket per bearer token. */
final class SimRateLimiter {

  private double perSecond = 3.0;
  private double burst = 9.0;
  private boolean enabled = true;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  synchronized void configure(double perSecond, double burst, boolean enabled) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
    this.enabled = enabled;
    buckets.clear();
  }

  /** Takes one token; returns 0 if allowed, else the whole seconds to wait. */
  synchronized int take(String token) {
    if (!enabled) {
      return 0;
    }
    long now = System.nanoTime();
    Bucket b = buckets.computeIfAbsent(token, k -> new Bucket(burst, now));
    b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * perSecond);
    b.last = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (int) Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }
}
