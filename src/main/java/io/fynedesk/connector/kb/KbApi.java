package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.security.AdminHeaders;
import io.fynedesk.connector.web.JsonBodies;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The KB admin API (CONTRACT §4, §6): an article's sync view and the owner switch. Org-scoped: the
 * article is looked up among the caller org's links only, so another org's article answers 404.
 */
@Component("kbApi")
public class KbApi {

  /** The owner switch's hold on the link (released at once; a dead request's runs out). */
  private static final Duration SWITCH_LEASE = Duration.ofMinutes(2);

  private static final long MAX_BODY = 16 * 1024;
  private static final Set<String> OWNERS = Set.of(KbLink.FYNEDESK, KbLink.NOTION);

  private final KbLinks links;
  private final KbSyncState sync;
  private final KbPages pages;
  private final KbQueue queue;
  private final OrgConnections orgs;
  private final JsonBodies bodies;

  KbApi(
      KbLinks links,
      KbSyncState sync,
      KbPages pages,
      KbQueue queue,
      OrgConnections orgs,
      JsonBodies bodies) {
    this.links = links;
    this.sync = sync;
    this.pages = pages;
    this.queue = queue;
    this.orgs = orgs;
    this.bodies = bodies;
  }

  /** {@code GET /api/v1/kb/articles/{id}/sync}. */
  public Reply sync(@Header(AdminHeaders.ORG) String org, @Header("id") String articleId) {
    return Reply.ok(sync.view(link(org, articleId)));
  }

  /**
   * {@code PUT /api/v1/kb/articles/{id}/owner}: the source of truth flips; the article's sync and
   * the page's callout follow, {@code mirrorEdited} clears. Switching to FyneDesk rewrites the page
   * from the article (queued), so it mirrors what FyneDesk now owns.
   */
  public Reply owner(
      @Header(AdminHeaders.ORG) String org,
      @Header("id") String articleId,
      @Body byte[] body,
      @Header("Content-Type") String contentType) {
    JsonNode json = bodies.object(body, contentType, MAX_BODY);
    JsonNode owner = json.get("owner");
    if (owner == null || !owner.isTextual() || !OWNERS.contains(owner.asText())) {
      throw ProblemException.validation("owner", "must be \"notion\" or \"fynedesk\"");
    }
    KbLink current = link(org, articleId);
    if (current.owner().equals(owner.asText()) && !current.mirrorEdited()) {
      // PUT is idempotent: the owner it names is already the owner, nothing to switch or rewrite
      // (before, every repeat queued a rewrite and the next repeat met it as a 409).
      return Reply.ok(sync.view(current));
    }
    String pageId = current.pageId();
    // Under the link's lock, like every worker that writes it: a switch never lands in the middle
    // of an import or publish that read the link before it, to be written back over it after.
    String worker = links.attempt();
    if (!links.lock(org, pageId, worker, SWITCH_LEASE)) {
      throw ProblemException.of(
          409,
          "conflict",
          "The article is being synced right now; switch its owner again in a few seconds.");
    }
    try {
      KbLink link = link(org, articleId);
      List<String> warnings =
          link.warnings().stream().filter(w -> !w.startsWith("mirror edited")).toList();
      KbLink switched = link.withOwner(owner.asText()).withMirrorEdited(false, warnings);
      links.save(switched);
      sync.write(switched);
      OrgConnection c = orgs.of(org);
      if (switched.fyneDeskOwned()) {
        queue.enqueue(org, link.pageId(), KbQueue.REWRITE, true);
      } else if (c.connected() && link.calloutId() != null) {
        pages.updateCallout(c.auth(), link.calloutId(), KbLink.NOTION, link.articleUrl());
      }
      return Reply.ok(sync.view(switched));
    } finally {
      links.unlock(org, pageId, worker);
    }
  }

  private KbLink link(String org, String articleId) {
    return links
        .byArticle(org, articleId)
        .orElseThrow(() -> ProblemException.notFound("no synced article " + articleId));
  }
}
