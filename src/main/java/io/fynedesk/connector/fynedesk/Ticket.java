package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A FyneDesk ticket as the REST API and events carry it (CONTRACT §1).
 *
 * @param status one of new, open, pending, on_hold, solved, closed.
 * @param priority one of low, normal, high, urgent.
 * @param assignee null when nobody is assigned.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ticket(
    String id,
    Long number,
    String subject,
    String description,
    String status,
    String priority,
    List<String> tags,
    String category,
    Person requester,
    Person assignee,
    String url,
    Instant createdAt,
    Instant updatedAt) {

  public Ticket {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
