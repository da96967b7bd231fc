package io.fynedesk.connector.inbox;

import java.time.OffsetDateTime;

/**
 * An accepted FyneDesk event as stored in the inbox.
 *
 * @param id FyneDesk's event id (the dedupe key)
 * @param orgId organization the event belongs to
 * @param type event type, e.g. {@code ticket.created}
 * @param occurredAt when it happened in FyneDesk
 * @param origin the {@code origin} field: who caused the write behind this event
 * @param payload the raw JSON envelope as received
 * @param attempts how many times processing was attempted
 */
public record InboxEvent(
    String id,
    String orgId,
    String type,
    OffsetDateTime occurredAt,
    String origin,
    String payload,
    int attempts) {}
