package io.fynedesk.connector.notion;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-connection circuit breaker of Notion calls.
 *
 * @param failureThreshold consecutive 5xx or network failures of a connection that open its
 *     circuit.
 * @param probeInterval how often one {@code GET /v1/users/me} probes a connection whose circuit is
 *     open.
 */
@Validated
@ConfigurationProperties(prefix = "notion.circuit")
public record NotionCircuitProperties(
    @Min(1) @DefaultValue("5") int failureThreshold, @DefaultValue("2s") Duration probeInterval) {

  /** The defaults, for clients built without Spring. */
  public static NotionCircuitProperties defaults() {
    return new NotionCircuitProperties(5, Duration.ofSeconds(2));
  }
}
