package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Sync state FyneDesk stores and shows on a KB article (CONTRACT §2).
 *
 * @param owner {@code notion} or {@code fynedesk}: the side whose version wins.
 * @param readOnly FyneDesk shows the article read-only when true.
 * @param badge "Edited in Notion", "Edited in FyneDesk" or null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleSync(
    String owner,
    boolean readOnly,
    String badge,
    String notionPageId,
    String notionUrl,
    Instant lastSyncedAt,
    List<String> warnings) {

  /** Owner value for Notion-owned articles. */
  public static final String OWNER_NOTION = "notion";

  /** Owner value for FyneDesk-owned articles. */
  public static final String OWNER_FYNEDESK = "fynedesk";

  /** Badge of an article whose source of truth is Notion. */
  public static final String BADGE_EDITED_IN_NOTION = "Edited in Notion";

  /** Badge of an article whose source of truth is FyneDesk. */
  public static final String BADGE_EDITED_IN_FYNEDESK = "Edited in FyneDesk";

  public ArticleSync {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
