package io.fynedesk.connector.notion;

import java.util.Optional;

/**
 * Hears about connections Notion refuses: a listener may renew the token (an OAuth connection's
 * refresh grant), and its owner marks the connection {@code needs_reconnect} when none could.
 */
public interface NotionConnectionListener {

  /**
   * Notion answered 401 to {@code rejectedToken}: a fresh token for the connection if this listener
   * can get one (the call is then sent again once with it), else empty. Called before {@link
   * #unauthorized}; a failure to reach Notion is thrown (the work is retried, not parked).
   */
  default Optional<String> renew(String connectionKey, String rejectedToken) {
    return Optional.empty();
  }

  /** Notion answered 401 for this connection; {@code message} is Notion's error message. */
  void unauthorized(String connectionKey, String message);
}
