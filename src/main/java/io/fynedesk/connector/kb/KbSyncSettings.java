package io.fynedesk.connector.kb;

import java.util.List;

/**
 * The {@code kbSync} settings section, typed and immutable.
 *
 * @param publishEnabled whether FyneDesk-owned articles are mirrored to Notion
 * @param publishParentPageId the Notion page mirrors are created under; null until chosen
 * @param importEnabled whether Notion-owned pages are mirrored to FyneDesk
 * @param importSources the Notion pages or data sources imported from
 * @param defaultOwner the side a new article is edited on: notion or fynedesk
 * @param importDataSources the data sources among the import sources (derived by the settings
 *     check)
 */
public record KbSyncSettings(
    boolean publishEnabled,
    String publishParentPageId,
    boolean importEnabled,
    List<String> importSources,
    String defaultOwner,
    List<String> importDataSources) {

  public KbSyncSettings {
    importSources = importSources == null ? List.of() : List.copyOf(importSources);
    importDataSources = importDataSources == null ? List.of() : List.copyOf(importDataSources);
  }
}
