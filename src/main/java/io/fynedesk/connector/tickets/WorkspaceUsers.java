package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Workspace people by email, for people properties; listed once per org every ten minutes at most.
 */
@Component
public class WorkspaceUsers {

  private static final Duration TTL = Duration.ofMinutes(10);

  private final NotionClient notion;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  WorkspaceUsers(NotionClient notion) {
    this.notion = notion.urgent();
  }

  private record Cached(Map<String, String> byEmail, Instant at) {}

  /** The Notion user id of the person with this email, if the workspace has one. */
  public Optional<String> byEmail(NotionAuth auth, String email) {
    Cached c = cache.get(auth.connectionKey());
    if (c == null || c.at().plus(TTL).isBefore(Instant.now())) {
      Map<String, String> byEmail = new HashMap<>();
      for (JsonNode u : notion.listUsers(auth)) {
        String e = u.path("person").path("email").asText(null);
        if (e != null) {
          byEmail.put(e.toLowerCase(Locale.ROOT), u.path("id").asText());
        }
      }
      c = new Cached(byEmail, Instant.now());
      cache.put(auth.connectionKey(), c);
    }
    return Optional.ofNullable(c.byEmail().get(email.toLowerCase(Locale.ROOT)));
  }
}
