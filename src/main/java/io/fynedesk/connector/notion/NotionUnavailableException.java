package io.fynedesk.connector.notion;

/**
 * Nothing was sent: the circuit of this connection is open after consecutive 5xx or network
 * failures, so the work waits (held in the inbox) until a probe finds Notion answering again.
 */
public class NotionUnavailableException extends NotionApiException {

  /** Code of this exception (not one of Notion's). */
  public static final String CODE = "notion_unavailable";

  private final String connectionKey;

  public NotionUnavailableException(String connectionKey) {
    super(
        503,
        CODE,
        "Notion is not answering for this connection; held until it recovers",
        null,
        true,
        null);
    this.connectionKey = connectionKey;
  }

  /** The connection whose circuit is open. */
  public String connectionKey() {
    return connectionKey;
  }
}
