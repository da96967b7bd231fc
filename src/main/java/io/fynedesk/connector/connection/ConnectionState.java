package io.fynedesk.connector.connection;

import java.util.Locale;

/** Lifecycle state of an org's Notion connection, as the admin API shows it. */
public enum ConnectionState {
  DISCONNECTED,
  CONNECTED,
  NEEDS_RECONNECT;

  /** The contract's lower-case word. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ConnectionState fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
