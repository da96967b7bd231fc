package io.fynedesk.connector.kb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Article links (table {@code kb_article_link}), the publish claims that make "one page per
 * article" a database fact, and short leases so one worker at a time writes a link's page or
 * article.
 */
@Repository
class KbLinks {

  /** Outcome of claiming the creation of an article's page. */
  enum Claim {
    /** This worker creates the page. */
    NEW,
    /** The page exists (its id is in the claim row). */
    EXISTS,
    /** An earlier attempt died after claiming: Notion may hold its page; look before creating. */
    TAKEN_OVER,
    /** Another worker is creating it right now. */
    BUSY
  }

  private final JdbcTemplate jdbc;

  /** This replica's mark at the start of every lease owner it writes; its heartbeat renews them. */
  private final String replica = "kb-" + UUID.randomUUID().toString().substring(0, 8) + "/";

  private final ObjectMapper mapper;
  private final RowMapper<KbLink> row;

  KbLinks(JdbcTemplate jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.row =
        (rs, i) ->
            new KbLink(
                rs.getString("org_id"),
                rs.getString("page_id"),
                rs.getString("article_id"),
                rs.getString("origin"),
                rs.getString("owner"),
                rs.getBoolean("mirror_edited"),
                rs.getString("page_url"),
                rs.getString("article_url"),
                rs.getString("title"),
                rs.getString("callout_id"),
                rs.getString("block_map"),
                rs.getString("content_hash"),
                rs.getString("notion_edited"),
                readList(rs.getString("warnings")),
                rs.getBoolean("trashed"),
                rs.getObject("last_synced_at", OffsetDateTime.class));
  }

  Optional<KbLink> byArticle(String org, String articleId) {
    return jdbc
        .query(
            "SELECT * FROM kb_article_link WHERE org_id = ? AND article_id = ?",
            row,
            org,
            articleId)
        .stream()
        .findFirst();
  }

  Optional<KbLink> byPage(String org, String pageId) {
    return jdbc
        .query("SELECT * FROM kb_article_link WHERE org_id = ? AND page_id = ?", row, org, pageId)
        .stream()
        .findFirst();
  }

  /** Links of an org that a person edited on the mirror side (repaired by the backstop). */
  List<KbLink> mirrorEdited(String org) {
    return jdbc.query(
        "SELECT * FROM kb_article_link WHERE org_id = ? AND mirror_edited = TRUE", row, org);
  }

  /** Inserts a new link; false when the page is linked already. */
  boolean insert(KbLink l) {
    return jdbc.update(
            "INSERT INTO kb_article_link (org_id, page_id, article_id, origin, state, owner,"
                + " mirror_edited, page_url, article_url, title, callout_id, block_map,"
                + " content_hash, notion_edited, warnings, trashed, last_synced_at, created_at)"
                + " VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING",
            l.orgId(),
            l.pageId(),
            l.articleId(),
            l.origin(),
            l.owner(),
            l.mirrorEdited(),
            l.pageUrl(),
            l.articleUrl(),
            l.title(),
            l.calloutId(),
            l.blockMap(),
            l.contentHash(),
            l.notionEdited(),
            writeList(l.warnings()),
            l.trashed(),
            l.lastSyncedAt(),
            now())
        == 1;
  }

  void save(KbLink l) {
    jdbc.update(
        "UPDATE kb_article_link SET article_id = ?, owner = ?, mirror_edited = ?, page_url = ?,"
            + " article_url = ?, title = ?, callout_id = ?, block_map = ?, content_hash = ?,"
            + " notion_edited = ?, warnings = ?, trashed = ?, last_synced_at = ?,"
            + " version = version + 1 WHERE org_id = ? AND page_id = ?",
        l.articleId(),
        l.owner(),
        l.mirrorEdited(),
        l.pageUrl(),
        l.articleUrl(),
        l.title(),
        l.calloutId(),
        l.blockMap(),
        l.contentHash(),
        l.notionEdited(),
        writeList(l.warnings()),
        l.trashed(),
        l.lastSyncedAt(),
        l.orgId(),
        l.pageId());
  }

  // ---- publish claims ------------------------------------------------------------------------

  /** Claims the creation of an article's page; an expired claim (a crashed worker) is retaken. */
  Claim claimPublish(String org, String articleId, String worker, Duration lease) {
    OffsetDateTime now = now();
    int inserted =
        jdbc.update(
            "INSERT INTO kb_publish_claim (org_id, article_id, lease_owner, lease_until,"
                + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            org,
            articleId,
            worker,
            now.plus(lease),
            now);
    if (inserted == 1) {
      return Claim.NEW;
    }
    List<String> page =
        jdbc.queryForList(
            "SELECT page_id FROM kb_publish_claim WHERE org_id = ? AND article_id = ?",
            String.class,
            org,
            articleId);
    if (!page.isEmpty() && page.get(0) != null) {
      return Claim.EXISTS;
    }
    int taken =
        jdbc.update(
            "UPDATE kb_publish_claim SET lease_owner = ?, lease_until = ? WHERE org_id = ? AND"
                + " article_id = ? AND page_id IS NULL AND lease_until < ?",
            worker,
            now.plus(lease),
            org,
            articleId,
            now);
    return taken == 1 ? Claim.TAKEN_OVER : Claim.BUSY;
  }

  /** The page exists: later deliveries find it through the claim. */
  void published(String org, String articleId, String pageId) {
    jdbc.update(
        "UPDATE kb_publish_claim SET page_id = ?, lease_owner = NULL, lease_until = NULL"
            + " WHERE org_id = ? AND article_id = ?",
        pageId,
        org,
        articleId);
  }

  /**
   * The attempt holding the claim failed: its lease ends now (the row stays, so the next attempt
   * takes it over and looks for a page this one may have made); a claim another worker has taken
   * since, or that found its page, is left alone.
   */
  void abandonPublish(String org, String articleId, String worker) {
    jdbc.update(
        "UPDATE kb_publish_claim SET lease_owner = NULL, lease_until = ? WHERE org_id = ? AND"
            + " article_id = ? AND page_id IS NULL AND lease_owner = ?",
        now().minusSeconds(1),
        org,
        articleId,
        worker);
  }

  /** Nothing was created (Notion refused outright): the next delivery tries afresh. */
  void releasePublish(String org, String articleId) {
    jdbc.update(
        "DELETE FROM kb_publish_claim WHERE org_id = ? AND article_id = ? AND page_id IS NULL",
        org,
        articleId);
  }

  // ---- leases ----------------------------------------------------------------------------------

  /**
   * A lease owner for one attempt of this replica (unique per attempt, renewed by the heartbeat).
   */
  String attempt() {
    return replica + UUID.randomUUID();
  }

  /**
   * Heartbeat: extends every link and publish lease this replica's attempts hold to {@code lease}
   * from now, so a long import (a large page waiting on the Notion budget, files to rehost) keeps
   * its lease, and a dead replica's run out.
   */
  int renewLeases(Duration lease) {
    OffsetDateTime until = now().plus(lease);
    String mine = replica + "%";
    return jdbc.update(
            "UPDATE kb_article_link SET lease_until = ? WHERE lease_owner LIKE ?", until, mine)
        + jdbc.update(
            "UPDATE kb_publish_claim SET lease_until = ? WHERE lease_owner LIKE ?", until, mine);
  }

  /**
   * Takes the link's write lease (one worker writes a link at a time; {@code worker} is unique per
   * attempt); false when held.
   */
  boolean lock(String org, String pageId, String worker, Duration lease) {
    OffsetDateTime now = now();
    return jdbc.update(
            "UPDATE kb_article_link SET lease_owner = ?, lease_until = ? WHERE org_id = ? AND"
                + " page_id = ? AND (lease_until IS NULL OR lease_until < ?)",
            worker,
            now.plus(lease),
            org,
            pageId,
            now)
        == 1;
  }

  /**
   * Runs {@code work} on the link as it is once its lock is held (read again under it), then
   * releases the lock; a link another worker holds is {@link KbException#busy} (retried later).
   */
  <T> T locked(String org, String pageId, Duration lease, Function<KbLink, T> work) {
    String worker = attempt();
    if (!lock(org, pageId, worker, lease)) {
      throw KbException.busy("page " + pageId);
    }
    try {
      return work.apply(byPage(org, pageId).orElseThrow());
    } finally {
      unlock(org, pageId, worker);
    }
  }

  void unlock(String org, String pageId, String worker) {
    jdbc.update(
        "UPDATE kb_article_link SET lease_owner = NULL, lease_until = NULL WHERE org_id = ? AND"
            + " page_id = ? AND lease_owner = ?",
        org,
        pageId,
        worker);
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private List<String> readList(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return mapper.readValue(json, new TypeReference<List<String>>() {});
    } catch (Exception e) {
      return List.of();
    }
  }

  private String writeList(List<String> list) {
    try {
      return mapper.writeValueAsString(list == null ? List.of() : list);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
