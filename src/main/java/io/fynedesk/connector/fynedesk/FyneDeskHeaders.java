package io.fynedesk.connector.fynedesk;

/** Names and fixed values of the HTTP headers exchanged with FyneDesk (CONTRACT §1 and §2). */
public final class FyneDeskHeaders {

  /** Organization the call acts for; required on every REST call. */
  public static final String ORGANIZATION = "X-FyneDesk-Organization";

  /**
   * Marks a write as the connector's; FyneDesk copies it into the {@code origin} of the event it
   * causes.
   */
  public static final String ORIGIN = "X-FyneDesk-Origin";

  /**
   * Value of {@link #ORIGIN} on every write of the connector, used to recognise echoes of its own
   * writes.
   */
  public static final String ORIGIN_NOTION_CONNECTOR = "notion-connector";

  /**
   * {@code sha256=<hex>} HMAC of an inbound event's raw body, keyed by {@code
   * fynedesk.events.secret}.
   */
  public static final String SIGNATURE = "X-FyneDesk-Signature";

  private FyneDeskHeaders() {}
}
