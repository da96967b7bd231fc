package io.fynedesk.connector.connection;

import io.fynedesk.connector.inbox.InboxRepository;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Events parked "until the org reconnects" whose org is connected: a worker that read the
 * connection as {@code needs_reconnect} just before a reconnect parks its event just after the
 * reconnect put the parked ones back in line, and nothing else would wake it. Route {@code
 * connection-resume-parked} asks this every few seconds, on every replica (an idempotent update).
 */
@Component("parkedEvents")
public class ParkedEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ParkedEvents.class);
  private static final int ORGS_PER_SWEEP = 500;

  private final InboxRepository inbox;
  private final ConnectionRepository connections;

  ParkedEvents(InboxRepository inbox, ConnectionRepository connections) {
    this.inbox = inbox;
    this.connections = connections;
  }

  /** Puts back in line the parked events of every connected org; returns how many. */
  public int resumeConnected() {
    List<String> orgs = inbox.waitingOrgs(ORGS_PER_SWEEP);
    if (orgs.isEmpty()) {
      return 0;
    }
    int resumed = 0;
    for (Map.Entry<String, ConnectionState> e : connections.statesOf(orgs).entrySet()) {
      if (e.getValue() == ConnectionState.CONNECTED) {
        int n = inbox.resumeWaiting(e.getKey());
        if (n > 0) {
          LOG.info(
              "Put {} event(s) of org {} back in line: parked while it reconnected", n, e.getKey());
        }
        resumed += n;
      }
    }
    return resumed;
  }
}
