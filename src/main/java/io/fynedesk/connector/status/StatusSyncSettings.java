package io.fynedesk.connector.status;

import java.util.Map;

/**
 * The {@code statusSync} settings section, typed and immutable.
 *
 * @param enabled whether Notion status changes move the FyneDesk ticket
 * @param property the Notion property read as the status
 * @param map Notion status → ticket status or {@code action:<reopen|escalate|close>}, in document
 *     order
 */
public record StatusSyncSettings(boolean enabled, String property, Map<String, String> map) {}
