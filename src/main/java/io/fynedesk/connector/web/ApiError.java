package io.fynedesk.connector.web;

/** An error from a remote API (Notion, FyneDesk) with a stable code and a retry verdict. */
public interface ApiError {

  /** The remote API's stable error code, e.g. Notion's {@code validation_error}. */
  String code();

  /** Whether trying the same call again later can succeed. */
  boolean retryable();

  /**
   * Whether the remote API refused the org connection's token (Notion's 401): the org must
   * reconnect.
   */
  boolean unauthorized();
}
