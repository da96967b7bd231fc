package io.fynedesk.connector.knowledge;

/** Headers of the AI source's routes ({@code routes/knowledge-*.camel.yaml}). */
public final class KnowledgeHeaders {

  /** The sync run to execute. */
  public static final String RUN_ID = "KnowledgeRunId";

  /** The integration a run or a schedule fire belongs to. */
  public static final String INTEGRATION_ID = "KnowledgeIntegrationId";

  /** Set by the webhook router and the backstop: the org of a Notion event. */
  public static final String WEBHOOK_ORG = "WebhookOrgId";

  /** Set by the webhook router and the backstop: the page or data source of the event. */
  public static final String WEBHOOK_ENTITY = "WebhookEntityId";

  /** Set by the webhook router and the backstop: the event type. */
  public static final String WEBHOOK_TYPE = "WebhookType";

  private KnowledgeHeaders() {}
}
