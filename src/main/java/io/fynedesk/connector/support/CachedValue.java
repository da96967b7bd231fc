package io.fynedesk.connector.support;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value loaded at most once per {@code ttl} (e.g. a gauge read from the database, so a scrape
 * every second costs one query every few seconds). If a reload fails, the last value stays.
 */
public final class CachedValue<T> {

  private final long ttlNanos;
  private final Supplier<T> loader;
  private T value;
  private long loadedAt;
  private boolean loaded;

  public CachedValue(Duration ttl, T initial, Supplier<T> loader) {
    this.ttlNanos = ttl.toNanos();
    this.loader = loader;
    this.value = initial;
  }

  /** The value, reloaded first if it is older than the ttl. */
  public synchronized T get() {
    long now = System.nanoTime();
    if (!loaded || now - loadedAt >= ttlNanos) {
      loadedAt = now;
      loaded = true;
      try {
        value = loader.get();
      } catch (RuntimeException e) {
        // Keep the last value: a metric must never fail a scrape (the database may be down).
      }
    }
    return value;
  }
}
