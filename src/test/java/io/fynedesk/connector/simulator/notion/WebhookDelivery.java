package io.fynedesk.connector.simulator.notion;

import java.time.Instant;

/**
 * One webhook POST the simulator made.
 *
 * @param status the receiver's HTTP status, or 0 if it could not be reached.
 * @param signature the {@code X-Notion-Signature} header (null for the handshake).
 */
public record WebhookDelivery(
    String subscriptionId,
    String url,
    String eventId,
    String type,
    int attempt,
    int status,
    String body,
    String signature,
    Instant at) {}
