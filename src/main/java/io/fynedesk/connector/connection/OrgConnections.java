package io.fynedesk.connector.connection;

import io.fynedesk.connector.notion.NotionAuth;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The connection's public API for features: an org's state, Notion credentials and typed settings.
 */
@Component("orgConnections")
public class OrgConnections {

  private final ConnectionRepository connections;
  private final NotionAccess access;
  private final SettingsPolicy policy;

  OrgConnections(ConnectionRepository connections, NotionAccess access, SettingsPolicy policy) {
    this.connections = connections;
    this.access = access;
    this.policy = policy;
  }

  /**
   * The org's connection whatever its state; a disconnected one with default settings when it has
   * none.
   */
  public OrgConnection of(String orgId) {
    return connections
        .find(orgId)
        .map(this::toOrg)
        .orElseGet(
            () ->
                new OrgConnection(
                    orgId,
                    ConnectionState.DISCONNECTED,
                    null,
                    policy.parse(policy.defaults()),
                    null));
  }

  /** The org's connection when it is connected (a usable token), else empty. */
  public Optional<OrgConnection> connected(String orgId) {
    return connections
        .find(orgId)
        .filter(Connection::connected)
        .map(this::toOrg)
        .filter(OrgConnection::connected);
  }

  /** The org connected to a Notion workspace (a workspace belongs to at most one org), if any. */
  public Optional<OrgConnection> byWorkspace(String workspaceId) {
    return connections.findByWorkspace(workspaceId).map(this::toOrg);
  }

  /** Orgs with a usable token. */
  public List<String> connectedOrgs() {
    return connections.connectedOrgs();
  }

  /**
   * A connected connection whose token the vault cannot decrypt comes out as {@code
   * needs_reconnect} without credentials (and is marked so).
   */
  OrgConnection toOrg(Connection c) {
    NotionAuth auth = c.connected() ? access.usable(c).orElse(null) : null;
    ConnectionState state =
        c.connected() && auth == null ? ConnectionState.NEEDS_RECONNECT : c.state();
    return new OrgConnection(c.orgId(), state, auth, policy.parse(c.settings()), c.botId());
  }
}
