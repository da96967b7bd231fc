package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.BlockEngine;
import io.fynedesk.connector.blocks.ConversionResult;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.fynedesk.ArticleSync;
import io.fynedesk.connector.fynedesk.ArticleUpdate;
import io.fynedesk.connector.fynedesk.FyneDeskApiException;
import io.fynedesk.connector.fynedesk.FyneDeskClient;
import io.fynedesk.connector.fynedesk.NewArticle;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionPages;
import io.fynedesk.connector.notion.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Notion → FyneDesk: a page under an import source (a source page, any page below it, a row of a
 * source data source) becomes one Notion-owned, read-only FyneDesk article, kept current; trashed
 * or out of every source → archived, restored → published again. Reads run on the bulk lane.
 */
@Component
class KbImport {

  private static final Logger LOG = LoggerFactory.getLogger(KbImport.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int MAX_DEPTH = 8;
  private static final Set<String> FILE_BLOCKS = Set.of("image", "file", "pdf", "video", "audio");

  private final OrgConnections orgs;
  private final NotionClient notion;
  private final FyneDeskClient fynedesk;
  private final KbLinks links;
  private final KbQueue queue;
  private final KbFiles files;
  private final BlockEngine engine;
  private final ConnectionHealth health;
  private final ObjectMapper mapper;

  KbImport(
      OrgConnections orgs,
      NotionClient notion,
      FyneDeskClient fynedesk,
      KbLinks links,
      KbQueue queue,
      KbFiles files,
      BlockEngine engine,
      ConnectionHealth health,
      ObjectMapper mapper) {
    this.orgs = orgs;
    this.notion = notion.withPriority(Priority.BULK);
    this.fynedesk = fynedesk;
    this.links = links;
    this.queue = queue;
    this.files = files;
    this.engine = engine;
    this.health = health;
    this.mapper = mapper;
  }

  /** Imports (or archives) one page; returns what was done. */
  String importPage(String org, String pageId) {
    Optional<OrgConnection> c = orgs.connected(org);
    if (c.isEmpty() || !c.get().settings().enabled()) {
      return "not connected or switched off";
    }
    KbSyncSettings kb = c.get().settings().section(KbSyncSettings.class);
    KbLink link = links.byPage(org, pageId).orElse(null);
    if (!kb.importEnabled() || (link != null && link.fyneDeskOwned())) {
      return "import is off or FyneDesk owns the article";
    }
    NotionAuth auth = c.get().auth();
    JsonNode page = retrieve(auth, pageId);
    boolean gone = page == null || trashed(page);
    if (gone || !member(auth, kb, org, page, link)) {
      return link == null ? "not under an import source" : archive(link);
    }
    if (link == null) {
      link = newLink(org, page);
    }
    // Under the lock, on the link as it is then: another worker may have written it (created the
    // article) since the read above, and a stale copy would create a second one.
    return links.locked(
        org,
        pageId,
        LEASE,
        current ->
            current.fyneDeskOwned()
                ? "import is off or FyneDesk owns the article"
                : write(c.get(), current, page));
  }

  private String write(OrgConnection c, KbLink link, JsonNode page) {
    String org = c.orgId();
    ArrayNode blocks = tree(c.auth(), link.pageId(), link.calloutId(), org, true);
    List<String> warnings = new ArrayList<>();
    rehost(org, blocks, warnings);
    ConversionResult<String> html = engine.toHtml(engine.readNotion(blocks));
    warnings.addAll(0, KbPages.sentences(html.warnings(), html.truncated()));
    if (link.mirrorEdited()) {
      warnings.addAll(link.warnings().stream().filter(w -> w.startsWith("mirror edited")).toList());
    }
    String title = NotionPages.titleOf(page);
    // FyneDesk refuses an empty body or title: an empty page is an empty paragraph, "Untitled".
    String body = html.content().isBlank() ? "<p></p>" : html.content();
    title = title.isBlank() ? "Untitled" : title;
    String hash = BlockMap.hash(title + "\u0000" + body);
    String edited = page.path("last_edited_time").asText(null);
    if (hash.equals(link.contentHash()) && !link.trashed() && link.articleId() != null) {
      links.save(
          link.written(
              title,
              link.calloutId(),
              link.blockMap(),
              hash,
              edited,
              link.warnings(),
              link.lastSyncedAt()));
      return "unchanged";
    }
    KbLink done =
        link.written(
            title, link.calloutId(), link.blockMap(), hash, edited, warnings, KbLinks.now());
    ArticleSync sync = sync(done);
    if (done.articleId() == null) {
      Article a = fynedesk.createArticle(org, new NewArticle(title, body, "en", sync));
      done = done.withArticle(a.id(), a.url());
    } else {
      fynedesk.updateArticle(org, done.articleId(), new ArticleUpdate(title, body, sync));
      if (done.trashed()) {
        fynedesk.patchArticle(
            org, done.articleId(), mapper.createObjectNode().put("status", "published"));
        done = done.withTrashed(false);
      }
    }
    links.save(done);
    health.synced(org);
    return link.articleId() == null ? "imported as article " + done.articleId() : "article updated";
  }

  /** The article of a page that left the knowledge base (trash, unshared, out of every source). */
  private String archive(KbLink found) {
    return links.locked(
        found.orgId(),
        found.pageId(),
        LEASE,
        link -> {
          if (link.trashed() || link.articleId() == null || link.fyneDeskOwned()) {
            return "already archived";
          }
          fynedesk.patchArticle(
              link.orgId(), link.articleId(), mapper.createObjectNode().put("status", "archived"));
          links.save(link.withTrashed(true));
          return "article archived";
        });
  }

  private KbLink newLink(String org, JsonNode page) {
    KbLink fresh =
        new KbLink(
            org,
            page.path("id").asText(),
            null,
            "import",
            KbLink.NOTION,
            false,
            page.path("url").asText(null),
            null,
            NotionPages.titleOf(page),
            null,
            null,
            null,
            null,
            List.of(),
            false,
            null);
    links.insert(fresh);
    return links.byPage(org, fresh.pageId()).orElseThrow();
  }

  ArticleSync sync(KbLink link) {
    return new ArticleSync(
        KbLink.NOTION,
        true,
        ArticleSync.BADGE_EDITED_IN_NOTION,
        link.pageId(),
        link.pageUrl(),
        link.lastSyncedAt() == null ? null : link.lastSyncedAt().toInstant(),
        link.warnings());
  }

  // ---- membership
  // --------------------------------------------------------------------------------

  /**
   * Whether the page is a source, a row of a source data source, below a source page, or a page the
   * connector published that Notion owns now.
   */
  private boolean member(
      NotionAuth auth, KbSyncSettings kb, String org, JsonNode page, KbLink link) {
    if (link != null && "publish".equals(link.origin())) {
      return true;
    }
    Set<String> sources =
        kb.importSources().stream().map(KbImport::norm).collect(Collectors.toSet());
    kb.importDataSources().forEach(d -> sources.add(norm(d)));
    JsonNode current = page;
    for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
      if (sources.contains(norm(current.path("id").asText()))) {
        return true;
      }
      JsonNode parent = current.path("parent");
      for (String key : List.of("data_source_id", "database_id")) {
        if (parent.hasNonNull(key) && sources.contains(norm(parent.get(key).asText()))) {
          return true;
        }
      }
      String parentPage = parent.path("page_id").asText(null);
      if (parentPage == null) {
        return false;
      }
      if (sources.contains(norm(parentPage))) {
        return true;
      }
      Optional<KbLink> above = links.byPage(org, parentPage);
      if (above.isPresent() && "import".equals(above.get().origin()) && !above.get().trashed()) {
        return true;
      }
      current = retrieve(auth, parentPage);
      if (current != null && trashed(current)) {
        return false;
      }
    }
    return false;
  }

  static String norm(String id) {
    return id == null ? "" : id.replace("-", "").toLowerCase(Locale.ROOT);
  }

  // ---- reading
  // -------------------------------------------------------------------------------------

  /**
   * The page's block tree (children under a block-level {@code children} key), without the mirror
   * callout; child pages not imported yet are queued (a page tree is imported page by page).
   */
  private ArrayNode tree(NotionAuth auth, String parentId, String skipId, String org, boolean top) {
    ArrayNode out = mapper.createArrayNode();
    for (JsonNode block : notion.listAllBlockChildren(auth, parentId)) {
      String id = block.path("id").asText();
      if (id.equals(skipId)) {
        continue;
      }
      ObjectNode copy = (ObjectNode) block.deepCopy();
      if ("child_page".equals(block.path("type").asText())) {
        if (links.byPage(org, id).isEmpty()) {
          queue.enqueue(org, id, KbQueue.IMPORT, true);
        }
      } else if (block.path("has_children").asBoolean(false)) {
        copy.set("children", tree(auth, id, null, org, false));
      }
      out.add(copy);
    }
    return out;
  }

  /** Replaces Notion-hosted file URLs with stable FyneDesk ones (a failure is a warning). */
  private void rehost(String org, JsonNode blocks, List<String> warnings) {
    for (JsonNode block : blocks) {
      String type = block.path("type").asText();
      JsonNode payload = block.path(type);
      if (FILE_BLOCKS.contains(type) && "file".equals(payload.path("type").asText())) {
        try {
          String url = files.rehost(org, payload.path("file").path("url").asText(), type);
          ObjectNode p = (ObjectNode) payload;
          p.remove("file");
          p.put("type", "external");
          p.putObject("external").put("url", url);
        } catch (NotionApiException | KbException | FyneDeskApiException e) {
          warnings.add(
              "file: a Notion-hosted " + type + " could not be rehosted (" + e.getMessage() + ")");
        }
      }
      if (block.has("children")) {
        rehost(org, block.get("children"), warnings);
      }
    }
  }

  private JsonNode retrieve(NotionAuth auth, String pageId) {
    try {
      return notion.retrievePage(auth, pageId);
    } catch (NotionApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static boolean trashed(JsonNode page) {
    return page.path("in_trash").asBoolean(false) || page.path("archived").asBoolean(false);
  }

  // ---- sources
  // -------------------------------------------------------------------------------------

  /** Walks one source: a page (its tree follows page by page) or a data source (every row). */
  String walk(String org, String sourceId) {
    Optional<OrgConnection> c = orgs.connected(org);
    if (c.isEmpty()) {
      return "not connected";
    }
    NotionAuth auth = c.get().auth();
    if (retrieve(auth, sourceId) != null) {
      queue.enqueue(org, sourceId, KbQueue.IMPORT, true);
      return "source page queued";
    }
    String ds = notion.resolveDataSourceId(auth, sourceId);
    List<JsonNode> rows = notion.queryDataSourceAll(auth, ds, null, null);
    for (JsonNode row : rows) {
      queue.enqueue(org, row.path("id").asText(), KbQueue.IMPORT, true);
    }
    LOG.info("KB import of org {}: {} rows of data source {} queued", org, rows.size(), ds);
    return rows.size() + " rows queued";
  }
}
