package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One dataset record: a heading-aware chunk of a Notion page, with its source.
 *
 * @param id record id ({@code rec_…})
 * @param datasetId its dataset
 * @param integrationId the integration that wrote it (kept when the integration is deleted)
 * @param pageId the Notion page
 * @param chunkNo position of the chunk in the page
 * @param text the chunk as Markdown
 * @param title the page title
 * @param url the page URL
 * @param headings the heading path above the chunk (context)
 * @param meta record metadata
 * @param expiresAt when it goes stale (createdAt + expiresIn), or null
 * @param createdAt creation
 * @param updatedAt last write
 */
record KnowledgeRecord(
    String id,
    String datasetId,
    String integrationId,
    String pageId,
    int chunkNo,
    String text,
    String title,
    String url,
    List<String> headings,
    ObjectNode meta,
    OffsetDateTime expiresAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
