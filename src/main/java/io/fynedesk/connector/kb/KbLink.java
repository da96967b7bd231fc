package io.fynedesk.connector.kb;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One synced article: (org, FyneDesk article) ↔ Notion page, its owner and what was last written.
 *
 * @param origin {@code publish} (the page mirrors a FyneDesk article) or {@code import}
 * @param owner {@code fynedesk} or {@code notion}: the side where the article is edited
 * @param calloutId the page's mirror callout block (published pages), or null
 * @param blockMap JSON of the {@link BlockMap} last written to the page, or null (rewrite next)
 * @param contentHash hash of what was last written to the other side (title and body)
 * @param notionEdited the page's {@code last_edited_time} when last imported
 */
record KbLink(
    String orgId,
    String pageId,
    String articleId,
    String origin,
    String owner,
    boolean mirrorEdited,
    String pageUrl,
    String articleUrl,
    String title,
    String calloutId,
    String blockMap,
    String contentHash,
    String notionEdited,
    List<String> warnings,
    boolean trashed,
    OffsetDateTime lastSyncedAt) {

  static final String FYNEDESK = "fynedesk";
  static final String NOTION = "notion";

  KbLink {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  boolean fyneDeskOwned() {
    return FYNEDESK.equals(owner);
  }

  KbLink withOwner(String newOwner) {
    return new KbLink(
        orgId,
        pageId,
        articleId,
        origin,
        newOwner,
        false,
        pageUrl,
        articleUrl,
        title,
        calloutId,
        blockMap,
        contentHash,
        notionEdited,
        warnings,
        trashed,
        lastSyncedAt);
  }

  KbLink withMirrorEdited(boolean edited, List<String> newWarnings) {
    return new KbLink(
        orgId,
        pageId,
        articleId,
        origin,
        owner,
        edited,
        pageUrl,
        articleUrl,
        title,
        calloutId,
        blockMap,
        contentHash,
        notionEdited,
        newWarnings,
        trashed,
        lastSyncedAt);
  }

  KbLink withTrashed(boolean t) {
    return new KbLink(
        orgId,
        pageId,
        articleId,
        origin,
        owner,
        mirrorEdited,
        pageUrl,
        articleUrl,
        title,
        calloutId,
        blockMap,
        contentHash,
        notionEdited,
        warnings,
        t,
        lastSyncedAt);
  }

  KbLink written(
      String newTitle,
      String newCalloutId,
      String newBlockMap,
      String newHash,
      String newNotionEdited,
      List<String> newWarnings,
      OffsetDateTime at) {
    return new KbLink(
        orgId,
        pageId,
        articleId,
        origin,
        owner,
        mirrorEdited,
        pageUrl,
        articleUrl,
        newTitle,
        newCalloutId,
        newBlockMap,
        newHash,
        newNotionEdited,
        newWarnings,
        trashed,
        at);
  }

  KbLink withArticle(String id, String url) {
    return new KbLink(
        orgId,
        pageId,
        id,
        origin,
        owner,
        mirrorEdited,
        pageUrl,
        url,
        title,
        calloutId,
        blockMap,
        contentHash,
        notionEdited,
        warnings,
        trashed,
        lastSyncedAt);
  }
}
