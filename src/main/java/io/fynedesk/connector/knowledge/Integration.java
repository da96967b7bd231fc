package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * A Notion integration of an org (seed 001): where its pages go, how often, and for how long.
 *
 * @param id the integration id ({@code notion_…})
 * @param orgId the owning org
 * @param name display name
 * @param description free text
 * @param datasetId the dataset it fills, or null
 * @param tokenEnc its own Notion token, encrypted (null: none, or the org's connection when
 *     managed)
 * @param syncSchedule the schedule as given, or null
 * @param expiresIn record lifetime in ms (null or 0: records do not expire)
 * @param blueprintId free reference
 * @param meta custom metadata
 * @param managed whether the aiSource toggle manages it (token = the org's connection)
 * @param createdAt creation time
 * @param updatedAt last change
 * @param lastSyncedAt end of the last successful sync, or null
 */
record Integration(
    String id,
    String orgId,
    String name,
    String description,
    String datasetId,
    String tokenEnc,
    String syncSchedule,
    Long expiresIn,
    String blueprintId,
    ObjectNode meta,
    boolean managed,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime lastSyncedAt) {}
