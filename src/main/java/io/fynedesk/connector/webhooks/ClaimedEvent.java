package io.fynedesk.connector.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One processing of an entity: the newest delivery about it (the lead) and the older ones the
 * debounce folded into it (recorded {@code coalesced}). Processing reads Notion's current state, so
 * one processing stands for all of them.
 *
 * @param lead the newest event of the entity, the one whose outcome is recorded
 * @param folded older events of the same entity, oldest first
 * @param claim the lead's {@code attempts} as this claim left it: the claim's fence (a replica that
 *     reclaimed the lead since has moved it on)
 */
public record ClaimedEvent(WebhookEvent lead, List<WebhookEvent> folded, int claim) {

  public ClaimedEvent {
    folded = List.copyOf(folded);
  }

  /** The lead and every folded event. */
  public List<WebhookEvent> all() {
    List<WebhookEvent> all = new ArrayList<>(folded);
    all.add(lead);
    return all;
  }

  /** Every event type among them, oldest first. */
  public Set<String> types() {
    Set<String> types = new LinkedHashSet<>();
    all().forEach(e -> types.add(e.type()));
    return types;
  }
}
