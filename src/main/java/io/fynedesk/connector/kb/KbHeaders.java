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

  /** Hook header set by the webhook router and the backstop: the org of the event. */
  public static final String HOOK_ORG = "WebhookOrgId";

  /** Hook header: the page or data source the event is about. */
  public static final String HOOK_ENTITY = "WebhookEntityId";

  /** Hook header: the webhook event id (absent when the backstop calls the hook). */
  public static final String HOOK_EVENT_ID = "WebhookEventId";

  /** Exchange properties the webhook router records as the event's outcome when KB acted. */
  public static final String HOOK_OUTCOME = "webhookOutcome";

  public static final String HOOK_NOTE = "webhookNote";

  /** Exchange property: the org's connection, read once per event. */
  public static final String CONNECTION = "kbConnection";

  private KbHeaders() {}
}
