package io.fynedesk.connector.kb;

/** Message headers and exchange properties of KB work, read by the routers in the kb routes. */
public final class KbHeaders {

  /** The org's connection state: connected, needs_reconnect or disconnected. */
  public static final String CONNECTION_STATE = "KbConnectionState";

  /** Whether the connection's master toggle is on. */
  public static final String MASTER_ENABLED = "KbMasterEnabled";

  /** Whether {@code kbSync.publishEnabled} is on. */
  public static final String PUBLISH_ENABLED = "KbPublishEnabled";

  /** Whether {@code kbSync.importEnabled} is on. */
  public static final String IMPORT_ENABLED = "KbImportEnabled";

  /** Whether the event is the echo of the connector's own write. */
  public static final String ECHO = "KbIsEcho";

  /** The article's link owner: fynedesk, notion or none. */
  public static final String LINK_OWNER = "KbLinkOwner";

  /** Exchange property: the org's connection, read once per event. */
  public static final String CONNECTION = "kbConnection";

  private KbHeaders() {}
}
