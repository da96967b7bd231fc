package io.fynedesk.connector.notion;

/** Hears about connections Notion refuses, so their owner can mark them {@code needs_reconnect}. */
public interface NotionConnectionListener {

  /** Notion answered 401 for this connection; {@code message} is Notion's error message. */
  void unauthorized(String connectionKey, String message);
}
