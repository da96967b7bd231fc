package io.fynedesk.connector.inbox;

/**
 * Leases a feature's work holds besides inbox claims (e.g. a ticket-page creation), which a
 * starting instance on the embedded, single-process database takes back with the claims. Features
 * implement it; the inbox knows no feature.
 */
public interface WorkLeases {

  /** Releases every lease held (all holders are gone); returns how many there were. */
  int releaseAllLeases();

  /** What the leases are, for the log line. */
  String describe();
}
