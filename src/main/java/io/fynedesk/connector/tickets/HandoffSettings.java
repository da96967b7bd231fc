package io.fynedesk.connector.tickets;

import java.util.List;
import java.util.Map;

/**
 * The {@code ticketHandoff} settings section, typed and immutable.
 *
 * @param enabled whether tickets are handed off to Notion
 * @param dataSourceId the Notion data source pages are created in; null until chosen
 * @param triggers which events hand a ticket off (created, escalated, tagged)
 * @param tags for {@code tagged}: the tags that count (empty = any)
 * @param propertyMap ticket field → Notion property name, in the document's order
 */
public record HandoffSettings(
    boolean enabled,
    String dataSourceId,
    List<String> triggers,
    List<String> tags,
    Map<String, String> propertyMap) {

  /** Whether the event's trigger is selected. */
  public boolean triggers(String trigger) {
    return trigger != null && triggers.contains(trigger);
  }

  /** Whether a {@code tagged} event's tag counts (any tag when none are listed). */
  public boolean tagSelected(String trigger, String tag) {
    return !"tagged".equals(trigger) || tags.isEmpty() || (tag != null && tags.contains(tag));
  }
}
