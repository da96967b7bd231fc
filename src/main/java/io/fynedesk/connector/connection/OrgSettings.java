package io.fynedesk.connector.connection;

import java.util.List;
import java.util.Map;

/**
 * An org's settings, parsed once when its connection row is read: the master toggle and each
 * section's typed, immutable record.
 *
 * @param enabled the master toggle ({@code settings.enabled})
 * @param sections each section's record by its class
 * @param watchedDataSources Notion data sources the sections link to the org (the backstop watches
 *     them)
 */
public record OrgSettings(
    boolean enabled, Map<Class<?>, Object> sections, List<String> watchedDataSources) {

  public OrgSettings {
    sections = Map.copyOf(sections);
    watchedDataSources = List.copyOf(watchedDataSources);
  }

  /** The typed record of one section, e.g. {@code section(HandoffSettings.class)}. */
  public <T> T section(Class<T> type) {
    Object s = sections.get(type);
    if (s == null) {
      throw new IllegalArgumentException("no settings section of type " + type.getSimpleName());
    }
    return type.cast(s);
  }
}
