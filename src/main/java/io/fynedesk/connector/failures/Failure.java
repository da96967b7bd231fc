package io.fynedesk.connector.failures;

import java.time.OffsetDateTime;

/**
 * Work that gave up, as the admin API lists it.
 *
 * @param id failure id
 * @param kind what failed, e.g. {@code ticket_handoff}
 * @param subjectId the ticket, article or page concerned
 * @param code Notion's or FyneDesk's error code
 * @param message the error message (Notion's text for validation errors)
 * @param attempts how many times the work was tried
 * @param firstFailedAt first failure
 * @param lastFailedAt latest failure
 */
public record Failure(
    String id,
    String kind,
    String subjectId,
    String code,
    String message,
    int attempts,
    OffsetDateTime firstFailedAt,
    OffsetDateTime lastFailedAt) {}
