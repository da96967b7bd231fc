package io.fynedesk.connector.status;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The org's {@code statusSync.map}: a Notion status (or select) option → a ticket status or {@code
 * action:<reopen|escalate|close>}. Keys are matched by option id first, then by name exactly, then
 * by name ignoring case (names are what admins type; ids survive a rename).
 */
public final class StatusMap {

  /** Ticket statuses of CONTRACT §1. */
  public static final Set<String> STATUSES =
      Set.of("new", "open", "pending", "on_hold", "solved", "closed");

  /** Ticket actions of CONTRACT §2. */
  public static final Set<String> ACTIONS = Set.of("reopen", "escalate", "close");

  private final Map<String, String> map;

  public StatusMap(Map<String, String> map) {
    this.map = Map.copyOf(map);
  }

  /** What one option gives, if the map names it. */
  public Optional<Target> resolve(String optionId, String optionName) {
    return keyFor(optionId, optionName).flatMap(k -> Target.parse(map.get(k)));
  }

  /** The map key that matches an option (id, then exact name, then name ignoring case), if any. */
  public Optional<String> keyFor(String optionId, String optionName) {
    if (optionId != null && map.containsKey(optionId)) {
      return Optional.of(optionId);
    }
    if (optionName == null) {
      return Optional.empty();
    }
    if (map.containsKey(optionName)) {
      return Optional.of(optionName);
    }
    String lower = optionName.toLowerCase(Locale.ROOT);
    return map.keySet().stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  /**
   * A ticket status to set, or an action to run.
   *
   * @param status the ticket status, null for an action
   * @param action the action, null for a status
   */
  public record Target(String status, String action) {

    /** Parses {@code solved} or {@code action:reopen}; anything else is no target. */
    public static Optional<Target> parse(String value) {
      if (value == null) {
        return Optional.empty();
      }
      if (value.startsWith("action:") && ACTIONS.contains(value.substring(7))) {
        return Optional.of(new Target(null, value.substring(7)));
      }
      return STATUSES.contains(value) ? Optional.of(new Target(value, null)) : Optional.empty();
    }

    /** Whether a ticket in {@code current} status already is where this target would bring it. */
    public boolean reachedBy(String current) {
      if (status != null) {
        return status.equals(current);
      }
      return switch (action) {
        case "reopen" -> !"solved".equals(current) && !"closed".equals(current);
        case "close" -> "closed".equals(current);
        default -> false;
      };
    }

    @Override
    public String toString() {
      return status != null ? status : "action:" + action;
    }
  }
}
