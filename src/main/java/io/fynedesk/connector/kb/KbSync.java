package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.fynedesk.FyneDeskClient;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionList;
import io.fynedesk.connector.notion.Priority;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Notion-facing entry points of KB sync: the webhook and backstop hooks (page and data source
 * events → the debounced queue), the queue's work (import, repair of a mirror page, source walk),
 * the sources check (a source added or import switched on → walked once) and the KB backstop.
 */
@Component("kbSync")
public class KbSync {

  private static final Logger LOG = LoggerFactory.getLogger(KbSync.class);
  static final String NOTION_EDIT_WARNING =
      "mirror edited: the Notion mirror page was changed although FyneDesk owns the article;"
          + " FyneDesk's version was written back (switch the owner to edit it in Notion)";
  private static final Duration OVERLAP = Duration.ofMinutes(2);
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final OrgConnections orgs;
  private final KbLinks links;
  private final KbQueue queue;
  private final KbImport imports;
  private final KbPages pages;
  private final KbSyncState sync;
  private final FyneDeskClient fynedesk;
  private final NotionClient notion;
  private final ConnectionHealth health;
  private final JdbcTemplate jdbc;

  KbSync(
      OrgConnections orgs,
      KbLinks links,
      KbQueue queue,
      KbImport imports,
      KbPages pages,
      KbSyncState sync,
      FyneDeskClient fynedesk,
      NotionClient notion,
      ConnectionHealth health,
      JdbcTemplate jdbc) {
    this.orgs = orgs;
    this.links = links;
    this.queue = queue;
    this.imports = imports;
    this.pages = pages;
    this.sync = sync;
    this.fynedesk = fynedesk;
    this.notion = notion.withPriority(Priority.BULK);
    this.health = health;
    this.jdbc = jdbc;
  }

  // ---- hooks
  // -------------------------------------------------------------------------------------

  /**
   * A page event (webhook or backstop): the page's import, or the check of a person's edit of a
   * mirror page, is queued. Sets {@code webhookOutcome}/{@code webhookNote} only when KB acted.
   */
  public void onPage(Exchange exchange) {
    Message m = exchange.getMessage();
    String org = m.getHeader(KbHeaders.HOOK_ORG, String.class);
    String pageId = m.getHeader(KbHeaders.HOOK_ENTITY, String.class);
    boolean webhook = m.getHeader(KbHeaders.HOOK_EVENT_ID) != null;
    Optional<OrgConnection> c = org == null ? Optional.empty() : orgs.connected(org);
    if (pageId == null || c.isEmpty() || !c.get().settings().enabled()) {
      return;
    }
    KbSyncSettings kb = c.get().settings().section(KbSyncSettings.class);
    Optional<KbLink> link = links.byPage(org, pageId);
    String note = null;
    if (link.isPresent() && link.get().fyneDeskOwned()) {
      if (kb.publishEnabled() && !link.get().trashed()) {
        queue.enqueue(org, pageId, webhook ? KbQueue.REPAIR : KbQueue.CHECK, false);
        note = "KB: an edit of a FyneDesk-owned mirror page, to be undone";
      }
    } else if (kb.importEnabled()) {
      queue.enqueue(org, pageId, KbQueue.IMPORT, false);
      note = "KB: import queued";
    }
    if (note != null) {
      exchange.setProperty(KbHeaders.HOOK_OUTCOME, "done");
      exchange.setProperty(KbHeaders.HOOK_NOTE, note);
    }
  }

  /** A data source event: a source data source's rows are walked (debounced). */
  public void onDataSource(Exchange exchange) {
    Message m = exchange.getMessage();
    String org = m.getHeader(KbHeaders.HOOK_ORG, String.class);
    String id = m.getHeader(KbHeaders.HOOK_ENTITY, String.class);
    Optional<OrgConnection> c = org == null ? Optional.empty() : orgs.connected(org);
    if (id == null || c.isEmpty() || !c.get().settings().enabled()) {
      return;
    }
    KbSyncSettings kb = c.get().settings().section(KbSyncSettings.class);
    boolean source =
        kb.importEnabled()
            && (kb.importSources().stream()
                    .anyMatch(s -> KbImport.norm(s).equals(KbImport.norm(id)))
                || kb.importDataSources().stream()
                    .anyMatch(s -> KbImport.norm(s).equals(KbImport.norm(id))));
    if (source) {
      queue.enqueue(org, id, KbQueue.WALK, false);
      exchange.setProperty(KbHeaders.HOOK_OUTCOME, "done");
      exchange.setProperty(KbHeaders.HOOK_NOTE, "KB: rows of an import source queued");
    }
  }

  // ---- queued work
  // -------------------------------------------------------------------------------

  /** Runs one claimed item; returns what was done. */
  public String run(KbQueue.Item item) {
    return switch (item.kind()) {
      case KbQueue.IMPORT -> imports.importPage(item.orgId(), item.pageId());
      case KbQueue.WALK -> imports.walk(item.orgId(), item.pageId());
      case KbQueue.REPAIR -> repair(item.orgId(), item.pageId(), KbQueue.REPAIR);
      case KbQueue.REWRITE -> repair(item.orgId(), item.pageId(), KbQueue.REWRITE);
      default -> repair(item.orgId(), item.pageId(), KbQueue.CHECK);
    };
  }

  /**
   * A FyneDesk-owned mirror page was edited in Notion ({@code flag}: a person's webhook said so;
   * else the page's last editor decides): flagged, and rewritten from the FyneDesk article.
   */
  String repair(String org, String pageId, String mode) {
    boolean repairMode = KbQueue.REPAIR.equals(mode);
    Optional<OrgConnection> c = orgs.connected(org);
    KbLink link = links.byPage(org, pageId).orElse(null);
    if (c.isEmpty() || link == null || !link.fyneDeskOwned()) {
      return "nothing to repair";
    }
    JsonNode page = pages.page(c.get().auth(), pageId);
    boolean personEdit = false;
    if (KbQueue.CHECK.equals(mode) && !link.mirrorEdited()) {
      String editor = page == null ? null : page.path("last_edited_by").path("id").asText(null);
      if (editor == null || editor.equals(c.get().botId())) {
        return "last edited by the connector";
      }
      // Someone else edited the read-only mirror and no webhook said so (the backstop found it):
      // flagged like a webhook-seen edit, so the person's text is not erased without a trace.
      personEdit = true;
    }
    boolean flag = repairMode || personEdit;
    // Under the lock, on the link as it is then: the owner may have switched since the read above.
    return links.locked(
        org,
        pageId,
        LEASE,
        current ->
            !current.fyneDeskOwned() || current.articleId() == null
                ? "nothing to repair"
                : rewrite(c.get(), org, pageId, page, flag, current));
  }

  /** Rewrites the mirror page from its article (the link's lock held). */
  private String rewrite(
      OrgConnection c, String org, String pageId, JsonNode page, boolean flag, KbLink link) {
    Article article = fynedesk.getArticle(org, link.articleId());
    if (page != null && page.path("in_trash").asBoolean(false) && !link.trashed()) {
      pages.trash(c.auth(), pageId, false);
    }
    if (article.title() != null && !article.title().equals(link.title())) {
      pages.retitle(c.auth(), pageId, article.title());
    }
    KbLink current = link.withArticle(link.articleId(), article.url());
    KbPages.Written w = pages.rewriteWhole(c.auth(), current, pages.convert(article.bodyHtml()));
    List<String> warnings = new ArrayList<>(w.warnings());
    boolean flagged = flag || link.mirrorEdited();
    if (flagged) {
      warnings.add(NOTION_EDIT_WARNING);
    }
    KbLink saved =
        current
            .withMirrorEdited(flagged, warnings)
            .written(
                article.title(),
                w.calloutId(),
                w.blockMap(),
                KbPublish.hash(article),
                null,
                warnings,
                KbLinks.now());
    links.save(saved);
    sync.write(saved);
    if (flagged) {
      health.warn(org, "article " + link.articleId() + ": its Notion mirror was edited");
    }
    return "mirror page rewritten from the FyneDesk article";
  }

  /** The queue's failures: logged and retried with backoff by the queue. */
  public void failed(KbQueue.Item item, Exception error) {
    LOG.warn(
        "KB {} of page {} (org {}) failed: {}",
        item.kind(),
        item.pageId(),
        item.orgId(),
        error.getMessage());
    if (item.attempts() >= 3) {
      health.workFailed(
          item.orgId(),
          "KB " + item.kind() + " of page " + item.pageId() + ": " + error.getMessage());
    }
    queue.failed(item, error);
  }

  /** A search hit worth an import job: linked already, a source, or right below one. */
  private boolean candidate(String org, KbSyncSettings kb, JsonNode page) {
    Set<String> sources = new HashSet<>();
    kb.importSources().forEach(s -> sources.add(KbImport.norm(s)));
    kb.importDataSources().forEach(s -> sources.add(KbImport.norm(s)));
    String id = page.path("id").asText();
    JsonNode parent = page.path("parent");
    for (String key : List.of("page_id", "data_source_id", "database_id")) {
      String p = parent.path(key).asText(null);
      if (p != null
          && (sources.contains(KbImport.norm(p))
              || key.equals("page_id") && links.byPage(org, p).isPresent())) {
        return true;
      }
    }
    Optional<KbLink> link = links.byPage(org, id);
    return sources.contains(KbImport.norm(id)) || link.isPresent() && !link.get().fyneDeskOwned();
  }

  // ---- sources and backstop
  // ----------------------------------------------------------------------

  /** Walks sources added since the last check (or all of them when import was switched on). */
  public int checkSources() {
    int queued = 0;
    for (String org : orgs.connectedOrgs()) {
      queued += checkSourcesOf(org);
    }
    return queued;
  }

  /** One org's sources: returns how many walks this call queued. */
  int checkSourcesOf(String org) {
    int queued = 0;
    Optional<OrgConnection> c = orgs.connected(org);
    if (c.isEmpty()) {
      return 0;
    }
    KbSyncSettings kb = c.get().settings().section(KbSyncSettings.class);
    Set<String> walked =
        new HashSet<>(
            jdbc.queryForList(
                "SELECT source_id FROM kb_source_walk WHERE org_id = ?", String.class, org));
    if (!kb.importEnabled() || !c.get().settings().enabled()) {
      if (!walked.isEmpty()) {
        jdbc.update("DELETE FROM kb_source_walk WHERE org_id = ?", org);
      }
      return 0;
    }
    for (String source : kb.importSources()) {
      // The replica whose insert took the source walks it; another that saw it new at the same
      // moment does not queue a second walk of the whole tree.
      if (!walked.remove(source)
          && jdbc.update(
                  "INSERT INTO kb_source_walk (org_id, source_id, walked_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  org,
                  source,
                  KbLinks.now())
              == 1) {
        queue.enqueue(org, source, KbQueue.WALK, true);
        queued++;
      }
    }
    // Sources removed: every imported page checks its membership again (once, by the replica
    // whose delete took a removed source).
    int removed = 0;
    for (String gone : walked) {
      removed +=
          jdbc.update("DELETE FROM kb_source_walk WHERE org_id = ? AND source_id = ?", org, gone);
    }
    if (removed > 0) {
      for (String page :
          jdbc.queryForList(
              "SELECT page_id FROM kb_article_link WHERE org_id = ? AND origin = 'import'"
                  + " AND trashed = FALSE",
              String.class,
              org)) {
        queue.enqueue(org, page, KbQueue.IMPORT, true);
      }
    }
    return queued;
  }

  /**
   * The KB backstop (every {@code connector.backstop.interval}): mirror edits not yet repaired, and
   * the pages edited since the last run (minus Notion's minute rounding) of every import source.
   */
  public int backstop() {
    int queued = 0;
    for (String org : orgs.connectedOrgs()) {
      try {
        queued += backstopOrg(org);
      } catch (RuntimeException e) {
        LOG.warn("KB backstop of org {} failed: {}", org, e.getMessage());
      }
    }
    return queued;
  }

  int backstopOrg(String org) {
    Optional<OrgConnection> c = orgs.connected(org);
    if (c.isEmpty() || !c.get().settings().enabled()) {
      return 0;
    }
    KbSyncSettings kb = c.get().settings().section(KbSyncSettings.class);
    int queued = 0;
    for (KbLink l : links.mirrorEdited(org)) {
      // Still to repair: a repair writes the content hash of what it restored.
      if (l.contentHash() == null && l.fyneDeskOwned() ? kb.publishEnabled() : kb.importEnabled()) {
        queue.enqueue(org, l.pageId(), l.fyneDeskOwned() ? KbQueue.CHECK : KbQueue.IMPORT, true);
        queued++;
      }
    }
    if (!kb.importEnabled()) {
      return queued;
    }
    OffsetDateTime now = KbLinks.now();
    OffsetDateTime since =
        jdbc
            .queryForList(
                "SELECT cursor_at FROM kb_backstop_cursor WHERE org_id = ?",
                OffsetDateTime.class,
                org)
            .stream()
            .findFirst()
            .orElse(now.minusDays(1))
            .minus(OVERLAP);
    String cursor = null;
    boolean older = false;
    do {
      NotionList hits = notion.search(c.get().auth(), null, "page", cursor, null);
      for (JsonNode p : hits.results()) {
        String edited = p.path("last_edited_time").asText("");
        if (!edited.isEmpty() && OffsetDateTime.parse(edited).isBefore(since)) {
          older = true;
          break;
        }
        if (candidate(org, kb, p)) {
          queue.enqueue(org, p.path("id").asText(), KbQueue.IMPORT, false);
          queued++;
        }
      }
      cursor = hits.hasMore() ? hits.nextCursor() : null;
    } while (cursor != null && !older);
    int updated =
        jdbc.update("UPDATE kb_backstop_cursor SET cursor_at = ? WHERE org_id = ?", now, org);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO kb_backstop_cursor (org_id, cursor_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
          org,
          now);
    }
    return queued;
  }
}
