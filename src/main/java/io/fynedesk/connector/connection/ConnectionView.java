package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * The admin API's view of an org's connection (CONTRACT §4); holds no token.
 *
 * @param organizationId the org
 * @param state disconnected, connected or needs_reconnect
 * @param enabled the master toggle ({@code settings.enabled})
 * @param workspace the connected workspace, or null
 * @param tokenKind oauth, internal or null
 * @param settings the full settings document
 * @param health what admins check when something is not current
 */
public record ConnectionView(
    String organizationId,
    String state,
    boolean enabled,
    Workspace workspace,
    String tokenKind,
    ObjectNode settings,
    Health health) {

  /** The Notion workspace. */
  public record Workspace(String id, String name) {}

  /**
   * Health of the connection.
   *
   * @param lastEventAt last event received for this org (FyneDesk or Notion)
   * @param lastSyncAt last successful write to Notion or FyneDesk
   * @param subscription webhook subscription: active, unverified or quiet
   * @param pending events accepted and not yet processed (parked ones included)
   * @param failures open entries of the failure list
   * @param lastError the latest error, or null
   * @param lastWarning the latest warning of work that succeeded with a compromise (e.g. a status
   *     option missing in Notion, a person without a Notion account), or null
   */
  public record Health(
      OffsetDateTime lastEventAt,
      OffsetDateTime lastSyncAt,
      String subscription,
      int pending,
      int failures,
      String lastError,
      String lastWarning) {}
}
