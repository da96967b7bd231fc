package io.fynedesk.connector.connection;

import io.fynedesk.connector.inbox.InboxAdmission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The inbox's door for orgs without Notion: an org with no connection (never connected, or
 * disconnected) has its events stored already ignored, with the note the event routes write for the
 * same case. FyneDesk posts the events of every org; most of them need no worker. An org that is
 * connected or needs a reconnect goes through the routes as before (a reconnect parks its events).
 */
@Component
class ConnectionAdmission implements InboxAdmission {

  /** The note of an event ignored at the door, as the ticket and KB routes word it. */
  static final String NOT_CONNECTED = "Notion is not connected";

  private final ConnectionRepository connections;

  ConnectionAdmission(ConnectionRepository connections) {
    this.connections = connections;
  }

  @Override
  public Map<String, String> ignoredAtIntake(Set<String> orgIds) {
    Map<String, ConnectionState> states = connections.statesOf(orgIds);
    Map<String, String> ignored = new HashMap<>();
    for (String org : orgIds) {
      ConnectionState state = states.getOrDefault(org, ConnectionState.DISCONNECTED);
      if (state == ConnectionState.DISCONNECTED) {
        ignored.put(org, NOT_CONNECTED);
      }
    }
    return ignored;
  }
}
