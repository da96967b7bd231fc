package io.fynedesk.connector.notion;

/**
 * Who goes first when several calls of one connection wait for its request budget.
 *
 * <p>{@link #URGENT} is for work a person waits on (ticket hand-off, status); {@link #BULK} for
 * background work (KB backfill, AI indexing). A bulk call only takes a token when no urgent call of
 * the same connection is waiting.
 */
public enum Priority {
  URGENT,
  BULK
}
