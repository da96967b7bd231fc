package io.fynedesk.connector.kb;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The debounced, durable queue of KB page work (table {@code kb_sync_queue}): webhooks and the
 * backstop mark a page due {@code connector.kb.debounce} from now (a later event pushes it back, up
 * to {@code 4 ×} the debounce after the first); a poller claims due rows, one worker per page; an
 * event during the work runs it once more.
 */
@Component("kbQueue")
public class KbQueue {

  /** Kinds of work. */
  static final String IMPORT = "import";

  /** Rewrites a FyneDesk-owned page from its article (mirror edited, owner switched). */
  static final String REPAIR = "repair";

  /** Checks who last edited a FyneDesk-owned mirror page; a person's edit is repaired. */
  static final String CHECK = "check";

  /** Rewrites a FyneDesk-owned page from its article without flagging (owner switched). */
  static final String REWRITE = "rewrite";

  /** Enqueues every page of an import source. */
  static final String WALK = "walk";

  private static final int MAX_ATTEMPTS = 8;
  private static final Duration CLAIM = Duration.ofMinutes(2);

  /** One claimed item of work. */
  public record Item(String orgId, String pageId, String kind, int attempts) {}

  private final JdbcTemplate jdbc;
  private final KbLinks links;
  private final Duration debounce;
  private final String worker = "kb-" + UUID.randomUUID().toString().substring(0, 8);

  KbQueue(
      JdbcTemplate jdbc, KbLinks links, @Value("${connector.kb.debounce:1s}") Duration debounce) {
    this.jdbc = jdbc;
    this.links = links;
    this.debounce = debounce;
  }

  /** Marks the page's work due after the debounce (or at once when {@code now}). */
  public void enqueue(String org, String pageId, String kind, boolean now) {
    OffsetDateTime at = KbLinks.now();
    OffsetDateTime due = now ? at : at.plus(debounce);
    int touched =
        jdbc.update(
            "UPDATE kb_sync_queue SET due_at = CASE WHEN first_seen_at < ? THEN due_at ELSE ? END,"
                + " again = CASE WHEN claimed_by IS NULL THEN FALSE ELSE TRUE END"
                + " WHERE org_id = ? AND page_id = ? AND kind = ?",
            at.minus(debounce.multipliedBy(4)),
            due,
            org,
            pageId,
            kind);
    if (touched == 0) {
      jdbc.update(
          "INSERT INTO kb_sync_queue (org_id, page_id, kind, due_at, first_seen_at)"
              + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          org,
          pageId,
          kind,
          due,
          at);
    }
  }

  /** Claims due work for this replica (per-row conditional update: replicas never share a row). */
  public List<Item> claim() {
    OffsetDateTime now = KbLinks.now();
    List<Item> claimed = new ArrayList<>();
    List<Item> due =
        jdbc.query(
            "SELECT org_id, page_id, kind, attempts FROM kb_sync_queue WHERE due_at <= ? AND"
                + " (claimed_by IS NULL OR claimed_until < ?) ORDER BY due_at LIMIT 20",
            (rs, i) ->
                new Item(
                    rs.getString("org_id"),
                    rs.getString("page_id"),
                    rs.getString("kind"),
                    rs.getInt("attempts")),
            now,
            now);
    for (Item item : due) {
      int taken =
          jdbc.update(
              "UPDATE kb_sync_queue SET claimed_by = ?, claimed_until = ?, again = FALSE"
                  + " WHERE org_id = ? AND page_id = ? AND kind = ? AND"
                  + " (claimed_by IS NULL OR claimed_until < ?)",
              worker,
              now.plus(CLAIM),
              item.orgId(),
              item.pageId(),
              item.kind(),
              now);
      if (taken == 1) {
        claimed.add(item);
      }
    }
    return claimed;
  }

  /**
   * Heartbeat: renews this replica's claims on queue rows and its link and publish leases, so work
   * that takes longer than {@link #CLAIM} (a large import waiting on the Notion budget) is not
   * taken over by another replica while it runs; a dead replica's expire within it.
   */
  public int heartbeat() {
    int claims =
        jdbc.update(
            "UPDATE kb_sync_queue SET claimed_until = ? WHERE claimed_by = ?",
            KbLinks.now().plus(CLAIM),
            worker);
    return claims + links.renewLeases(CLAIM);
  }

  /** Done: removed, unless an event arrived meanwhile (then due again after the debounce). */
  public void done(Item item) {
    jdbc.update(
        "UPDATE kb_sync_queue SET claimed_by = NULL, claimed_until = NULL, attempts = 0,"
            + " due_at = ? WHERE org_id = ? AND page_id = ? AND kind = ? AND again = TRUE",
        KbLinks.now().plus(debounce),
        item.orgId(),
        item.pageId(),
        item.kind());
    jdbc.update(
        "DELETE FROM kb_sync_queue WHERE org_id = ? AND page_id = ? AND kind = ? AND again ="
            + " FALSE",
        item.orgId(),
        item.pageId(),
        item.kind());
  }

  /**
   * Failed: retried with backoff (1 s doubling), dropped after {@value #MAX_ATTEMPTS} attempts or a
   * permanent error (the next event or backstop run enqueues it again).
   */
  public void failed(Item item, Exception error) {
    boolean permanent = error instanceof KbException k && !k.retryable();
    if (permanent || item.attempts() + 1 >= MAX_ATTEMPTS) {
      jdbc.update(
          "DELETE FROM kb_sync_queue WHERE org_id = ? AND page_id = ? AND kind = ?",
          item.orgId(),
          item.pageId(),
          item.kind());
      return;
    }
    long backoff = 1000L << Math.min(item.attempts(), 6);
    String message = String.valueOf(error.getMessage());
    jdbc.update(
        "UPDATE kb_sync_queue SET claimed_by = NULL, claimed_until = NULL, attempts = attempts +"
            + " 1, due_at = ?, last_error = ? WHERE org_id = ? AND page_id = ? AND kind = ?",
        KbLinks.now().plus(Duration.ofMillis(backoff)),
        message.substring(0, Math.min(message.length(), 2000)),
        item.orgId(),
        item.pageId(),
        item.kind());
  }

  /** Rows waiting (tests and the load script read it). */
  public int pending(String org) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM kb_sync_queue WHERE org_id = ?", Integer.class, org);
    return n == null ? 0 : n;
  }
}
