package io.fynedesk.connector.connection;

import io.fynedesk.connector.inbox.InboxHealth;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * The one place that writes an org's connection health ({@code lastEventAt}, {@code lastSyncAt},
 * the latest error and warning) shown by {@code GET /api/v1/connections/notion}.
 */
@Component("connectionHealth")
public class ConnectionHealth implements InboxHealth {

  private final ConnectionRepository connections;

  ConnectionHealth(ConnectionRepository connections) {
    this.connections = connections;
  }

  @Override
  public void eventAccepted(String orgId) {
    connections.touchEvent(orgId, OffsetDateTime.now(ZoneOffset.UTC));
  }

  @Override
  public void workFailed(String orgId, String summary) {
    connections.recordError(orgId, summary);
  }

  /** The org's work reached Notion just now. */
  public void synced(String orgId) {
    connections.touchSync(orgId);
  }

  /** The latest warning of the org's work (shown in health until the next one). */
  public void warn(String orgId, String message) {
    connections.recordWarning(orgId, message);
  }
}
