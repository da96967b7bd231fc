package io.fynedesk.connector.kb;

import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.notion.NotionApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * FyneDesk → Notion: an article's one mirror page, created once (the publish claim decides), then
 * kept current by block diff, trashed and restored with the article; a FyneDesk edit of a
 * Notion-owned article is flagged and Notion's version restored.
 */
@Component("kbPublish")
public class KbPublish {

  private static final Logger LOG = LoggerFactory.getLogger(KbPublish.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  static final String FYNEDESK_EDIT_WARNING =
      "mirror edited: the article was changed in FyneDesk although Notion owns it; Notion's"
          + " version was restored (switch the owner to edit it in FyneDesk)";

  private final KbLinks links;
  private final KbPages pages;
  private final KbSyncState sync;
  private final KbQueue queue;
  private final ConnectionHealth health;

  KbPublish(
      KbLinks links, KbPages pages, KbSyncState sync, KbQueue queue, ConnectionHealth health) {
    this.links = links;
    this.pages = pages;
    this.sync = sync;
    this.queue = queue;
    this.health = health;
  }

  /**
   * Creates the article's mirror page or writes what changed; returns what was done (recorded as
   * the inbox outcome note).
   */
  public String publish(
      @Body ArticleEvent event, @ExchangeProperty(KbHeaders.CONNECTION) OrgConnection c) {
    Article a = event.article();
    KbSyncSettings kb = c.settings().section(KbSyncSettings.class);
    KbLink link = links.byArticle(event.orgId(), a.id()).orElse(null);
    if (link == null) {
      if (kb.publishParentPageId() == null) {
        throw KbException.noParent();
      }
      String worker = links.attempt();
      KbLinks.Claim claim = links.claimPublish(event.orgId(), a.id(), worker, LEASE);
      if (claim == KbLinks.Claim.BUSY) {
        throw KbException.busy("article " + a.id());
      }
      try {
        link = links.byArticle(event.orgId(), a.id()).orElse(null);
        if (claim == KbLinks.Claim.TAKEN_OVER && link == null) {
          link = adopt(c, kb, a);
        }
        if (claim != KbLinks.Claim.EXISTS && link == null) {
          return create(c, kb, a);
        }
      } catch (RuntimeException | Error e) {
        // This attempt failed while holding the claim: it lets go at once, so the retry takes it
        // over (and adopts a page Notion made before the answer was lost) instead of meeting a
        // claim this replica's heartbeat keeps renewing for an attempt that is over.
        links.abandonPublish(event.orgId(), a.id(), worker);
        throw e;
      }
      if (link == null) {
        throw KbException.busy("article " + a.id());
      }
    }
    return update(c, link, a);
  }

  private String create(OrgConnection c, KbSyncSettings kb, Article a) {
    KbPages.Body body = pages.convert(a.bodyHtml());
    String[] page;
    try {
      page =
          pages.createPage(
              c.auth(), kb.publishParentPageId(), a.title(), kb.defaultOwner(), a.url());
    } catch (NotionApiException e) {
      if (!e.retryable()) {
        links.releasePublish(c.orgId(), a.id()); // refused outright: nothing exists in Notion
      }
      throw e;
    }
    // Recorded before the body is written: a failure from here on is retried as an update of this
    // page (a full write, as the map is empty), never as a second page.
    KbLink link =
        new KbLink(
            c.orgId(),
            page[0],
            a.id(),
            "publish",
            kb.defaultOwner(),
            false,
            page[1],
            a.url(),
            a.title(),
            null,
            null,
            null,
            null,
            List.of(),
            false,
            null);
    links.insert(link);
    links.published(c.orgId(), a.id(), page[0]);
    KbPages.Written w = pages.firstWrite(c.auth(), link, body);
    KbLink saved =
        link.written(
            a.title(), w.calloutId(), w.blockMap(), hash(a), null, w.warnings(), KbLinks.now());
    links.save(saved);
    sync.write(saved);
    health.synced(c.orgId());
    LOG.info("Article {} of org {} published as page {}", a.id(), c.orgId(), page[0]);
    return "published as Notion page " + page[0];
  }

  /**
   * An earlier attempt died after claiming: the page it created, if Notion has one, is linked (its
   * body is rewritten by the update that follows), so the retry never makes a second page.
   */
  private KbLink adopt(OrgConnection c, KbSyncSettings kb, Article a) {
    String[] found = pages.findMirror(c.auth(), kb.publishParentPageId(), a.title(), a.url());
    if (found == null) {
      return null;
    }
    LOG.info(
        "Article {} of org {}: adopted page {} of an earlier attempt", a.id(), c.orgId(), found[0]);
    KbLink link =
        new KbLink(
            c.orgId(),
            found[0],
            a.id(),
            "publish",
            kb.defaultOwner(),
            false,
            found[1],
            a.url(),
            null,
            found[2],
            null,
            null,
            null,
            List.of(),
            false,
            null);
    links.insert(link);
    links.published(c.orgId(), a.id(), found[0]);
    return links.byArticle(c.orgId(), a.id()).orElseThrow();
  }

  private String update(OrgConnection c, KbLink link, Article a) {
    if (!link.fyneDeskOwned()) {
      return "Notion owns the article";
    }
    String worker = links.attempt();
    if (!links.lock(c.orgId(), link.pageId(), worker, LEASE)) {
      throw KbException.busy("article " + a.id());
    }
    try {
      // Read again under the lease: the owner may have switched, or another worker written it.
      link = links.byPage(c.orgId(), link.pageId()).orElse(link);
      if (!link.fyneDeskOwned()) {
        return "Notion owns the article";
      }
      boolean restored = false;
      if (link.trashed()) {
        pages.trash(c.auth(), link.pageId(), false);
        link = link.withTrashed(false);
        restored = true;
      }
      String hash = hash(a);
      if (hash.equals(link.contentHash()) && link.blockMap() != null && !restored) {
        // The page is current; the article's sync may not be: the write that follows the page's
        // creation can have failed (FyneDesk 500/404) after the link was saved, and this
        // redelivery (or a retry from the failure list) is the one left to make it.
        if (!syncShowsPage(a, link)) {
          sync.write(link);
          return "unchanged; sync written";
        }
        return "unchanged";
      }
      if (a.title() != null && !a.title().equals(link.title())) {
        pages.retitle(c.auth(), link.pageId(), a.title());
      }
      KbPages.Body body = pages.convert(a.bodyHtml());
      KbPages.Written w = pages.update(c.auth(), link, body);
      List<String> warnings = new ArrayList<>(w.warnings());
      if (link.mirrorEdited()) {
        warnings.addAll(
            link.warnings().stream().filter(s -> s.startsWith("mirror edited")).toList());
      }
      KbLink saved =
          link.written(a.title(), w.calloutId(), w.blockMap(), hash, null, warnings, KbLinks.now());
      links.save(saved);
      sync.write(saved);
      health.synced(c.orgId());
      return restored ? "restored and updated" : "updated";
    } catch (RuntimeException e) {
      links.save(
          link.written(
              link.title(),
              link.calloutId(),
              null,
              null,
              null,
              link.warnings(),
              link.lastSyncedAt()));
      throw e;
    } finally {
      links.unlock(c.orgId(), link.pageId(), worker);
    }
  }

  /** {@code article.unpublished} / {@code .deleted}: the mirror page goes to Notion's trash. */
  public String trash(
      @Body ArticleEvent event, @ExchangeProperty(KbHeaders.CONNECTION) OrgConnection c) {
    KbLink link = links.byArticle(event.orgId(), event.article().id()).orElse(null);
    if (link == null || !link.fyneDeskOwned()) {
      return link == null ? "no mirror page" : "Notion owns the article";
    }
    return links.locked(
        c.orgId(),
        link.pageId(),
        LEASE,
        current -> {
          if (!current.fyneDeskOwned()) {
            return "Notion owns the article";
          }
          if (current.trashed()) {
            return "already in Notion's trash";
          }
          pages.trash(c.auth(), current.pageId(), true);
          links.save(current.withTrashed(true));
          return "mirror page moved to Notion's trash";
        });
  }

  /**
   * A person changed a Notion-owned article in FyneDesk: flagged, and Notion's version written back
   * by the import queue (at once, debounced).
   */
  public String mirrorEdited(
      @Body ArticleEvent event, @ExchangeProperty(KbHeaders.CONNECTION) OrgConnection c) {
    KbLink found = links.byArticle(event.orgId(), event.article().id()).orElseThrow();
    // Under the link's lock: an import running now would otherwise write its content hash back
    // over the reset below, and the import queued next would find nothing changed, leaving the
    // wrong-side edit in place.
    KbLink link =
        links.locked(
            c.orgId(),
            found.pageId(),
            LEASE,
            current -> {
              List<String> warnings = new ArrayList<>(current.warnings());
              if (!warnings.contains(FYNEDESK_EDIT_WARNING)) {
                warnings.add(FYNEDESK_EDIT_WARNING);
              }
              KbLink flagged = current.withMirrorEdited(true, warnings);
              links.save(
                  flagged.written(
                      flagged.title(),
                      flagged.calloutId(),
                      flagged.blockMap(),
                      null,
                      null,
                      warnings,
                      flagged.lastSyncedAt()));
              sync.write(flagged);
              return flagged;
            });
    health.warn(c.orgId(), "article " + link.articleId() + ": edited in FyneDesk, Notion owns it");
    queue.enqueue(c.orgId(), link.pageId(), KbQueue.IMPORT, false);
    return "wrong-side edit: Notion's version will be restored";
  }

  /** Whether the article as the event carries it already names its mirror page in its sync. */
  private static boolean syncShowsPage(Article a, KbLink link) {
    return a.sync() != null
        && link.pageId().equals(a.sync().notionPageId())
        && link.owner().equals(a.sync().owner());
  }

  static String hash(Article a) {
    return BlockMap.hash(a.title() + "\u0000" + a.bodyHtml());
  }
}
