package io.fynedesk.connector.webhooks;

import java.time.OffsetDateTime;

/**
 * One Notion webhook event as stored in the ledger: what routing needs, plus the raw payload.
 *
 * @param id Notion's event id (the deduplication key)
 * @param type e.g. {@code page.properties_updated}
 * @param workspaceId the workspace, which names the org (one org per workspace)
 * @param entityId the page, data source or database the event is about
 * @param entityType {@code page}, {@code data_source}, {@code database}, …
 * @param timestamp when Notion says it happened (events arrive out of order: sort on it)
 * @param payload the raw JSON as delivered
 */
public record WebhookEvent(
    String id,
    String type,
    String workspaceId,
    String entityId,
    String entityType,
    OffsetDateTime timestamp,
    String payload) {}
