package io.fynedesk.connector.support;

/** An error from a remote API (Notion, FyneDesk) with a stable code and a retry verdict. */
public interface ApiError {

  /** The remote API's stable error code, e.g. Notion's {@code validation_error}. */
  String code();

  /** Whether trying the same call again later can succeed. */
  boolean retryable();
}
