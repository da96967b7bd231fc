package io.fynedesk.connector.fynedesk;

/**
 * What FyneDesk did with a ticket link: a new link (201) or an update of the same external id
 * (200).
 */
public enum LinkResult {
  CREATED,
  UPDATED
}
