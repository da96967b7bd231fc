package io.fynedesk.connector.inbox;

import java.util.Map;
import java.util.Set;

/**
 * Decides, inside the intake's transaction, which orgs' new events need no worker at all: those are
 * stored already finished as {@code ignored}, with the reason as their note, and never claimed. The
 * event routes still decide everything else (and the same cases again, for an event stored while
 * its org was connected). The inbox is platform: it names this interface, never the feature that
 * implements it; without an implementation every event waits for a worker.
 */
public interface InboxAdmission {

  /**
   * Of {@code orgIds}, the orgs whose events are stored as ignored, each with the note to record;
   * the others' events wait for a worker.
   */
  Map<String, String> ignoredAtIntake(Set<String> orgIds);
}
