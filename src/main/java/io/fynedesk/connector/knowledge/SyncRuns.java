package io.fynedesk.connector.knowledge;

import io.fynedesk.connector.inbox.WorkLeases;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code knowledge_sync_run} table: every sync with its progress and outcome. A run not
 * finished is held by the replica that queued (or took it over) and runs it, renewed by that
 * replica's heartbeat; a run whose holder stopped renewing is taken over and run again (a sync is
 * idempotent: unchanged pages are skipped by content hash), at most {@link #MAX_ATTEMPTS} times.
 */
@Repository
class SyncRuns implements WorkLeases {

  /**
   * Starts of one run (the first and two take-overs); a run that keeps killing its holder stops.
   */
  static final int MAX_ATTEMPTS = 3;

  /** A run taken over or re-queued: its id and integration's, for the sync queue's headers. */
  record Orphan(String runId, String integrationId) {}

  /** Counters of a run, updated while it goes. */
  static final class Progress {
    int seen;
    int changed;
    int removed;
    int written;
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final KnowledgeProperties props;
  private final TransactionTemplate tx;
  private final String owner =
      ManagementFactory.getRuntimeMXBean().getName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);

  SyncRuns(
      NamedParameterJdbcTemplate jdbc,
      KnowledgeProperties props,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.props = props;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Records a queued run, held by this replica (which puts it on its sync queue next). */
  void queued(String id, String integrationId, String orgId, String kind) {
    OffsetDateTime now = IntegrationRepository.now();
    jdbc.update(
        """
        INSERT INTO knowledge_sync_run (id, integration_id, org_id, kind, status, pages_seen,
            pages_changed, pages_removed, records_written, created_at, owner, heartbeat_at)
        VALUES (:id, :i, :org, :kind, 'queued', 0, 0, 0, 0, :now, :owner, :now)""",
        new MapSqlParameterSource("id", id)
            .addValue("i", integrationId)
            .addValue("org", orgId)
            .addValue("kind", kind)
            .addValue("now", now)
            .addValue("owner", owner));
  }

  /** What {@link #start} found. */
  enum Start {
    /** The run is this replica's and running now. */
    STARTED,
    /** Another run of the integration is running on a live replica: this one is skipped. */
    BUSY,
    /** Another replica took the run over while it waited here: it runs it. */
    NOT_HELD
  }

  /**
   * Starts a queued run this replica holds, unless another run of the integration is running: the
   * check and the start happen under a lock on the integration's row, so two runs dequeued at once
   * (two workers, two replicas) do not both start.
   */
  Start start(String id, String integrationId) {
    return tx.execute(
        status -> {
          jdbc.queryForList(
              "SELECT id FROM knowledge_integration WHERE id = :i FOR UPDATE",
              new MapSqlParameterSource("i", integrationId),
              String.class);
          if (otherRunning(integrationId, id)) {
            return holds(id) ? Start.BUSY : Start.NOT_HELD;
          }
          OffsetDateTime now = IntegrationRepository.now();
          int started =
              jdbc.update(
                  """
                  UPDATE knowledge_sync_run SET status = 'running', started_at = :now,
                      heartbeat_at = :now, attempts = attempts + 1
                  WHERE id = :id AND owner = :owner AND status = 'queued'""",
                  new MapSqlParameterSource("id", id)
                      .addValue("owner", owner)
                      .addValue("now", now));
          return started == 1 ? Start.STARTED : Start.NOT_HELD;
        });
  }

  /** Whether this replica still holds the queued run (a take-over moved it elsewhere). */
  boolean holds(String id) {
    Long n =
        jdbc.queryForObject(
            """
            SELECT COUNT(*) FROM knowledge_sync_run
            WHERE id = :id AND owner = :owner AND status = 'queued'""",
            new MapSqlParameterSource("id", id).addValue("owner", owner),
            Long.class);
    return n != null && n > 0;
  }

  /** Whether another run of the integration is running on a live holder. */
  boolean otherRunning(String integrationId, String runId) {
    Long n =
        jdbc.queryForObject(
            """
            SELECT COUNT(*) FROM knowledge_sync_run WHERE integration_id = :i AND id <> :id
                AND status = 'running' AND heartbeat_at > :alive""",
            new MapSqlParameterSource("i", integrationId)
                .addValue("id", runId)
                .addValue("alive", IntegrationRepository.now().minus(props.runClaimTimeout())),
            Long.class);
    return n != null && n > 0;
  }

  void progress(String id, Progress p) {
    jdbc.update(
        """
        UPDATE knowledge_sync_run SET pages_seen = :seen, pages_changed = :changed,
            pages_removed = :removed, records_written = :written, heartbeat_at = :now
        WHERE id = :id AND owner = :owner""",
        counters(id, p).addValue("owner", owner).addValue("now", IntegrationRepository.now()));
  }

  /** Records the outcome, unless another replica took the run over meanwhile (it reports then). */
  void finished(String id, String status, Progress p, String error) {
    jdbc.update(
        """
        UPDATE knowledge_sync_run SET status = :status, pages_seen = :seen,
            pages_changed = :changed, pages_removed = :removed, records_written = :written,
            error = :error, finished_at = :now WHERE id = :id AND owner = :owner""",
        counters(id, p)
            .addValue("status", status)
            .addValue("error", error)
            .addValue("owner", owner)
            .addValue("now", IntegrationRepository.now()));
  }

  /** Renews every run this replica holds, queued or running; returns how many. */
  public int heartbeat() {
    return jdbc.update(
        """
        UPDATE knowledge_sync_run SET heartbeat_at = :now
        WHERE owner = :owner AND status IN ('queued', 'running')""",
        new MapSqlParameterSource("owner", owner).addValue("now", IntegrationRepository.now()));
  }

  /**
   * Takes over the runs whose holder stopped renewing them for the claim timeout (or, on the
   * embedded database after a restart, at once): each comes back queued and held here, for this
   * replica's sync queue. A run started {@link #MAX_ATTEMPTS} times is closed as interrupted.
   */
  public List<Orphan> takeOver() {
    OffsetDateTime now = IntegrationRepository.now();
    MapSqlParameterSource args =
        new MapSqlParameterSource("before", now.minus(props.runClaimTimeout()))
            .addValue("now", now)
            .addValue("owner", owner)
            .addValue("max", MAX_ATTEMPTS);
    jdbc.update(
        """
        UPDATE knowledge_sync_run SET status = 'interrupted', finished_at = :now,
            error = 'the replica running this sync stopped ' || attempts || ' times; the next'
                || ' scheduled or manual sync runs it again'
        WHERE status IN ('queued', 'running') AND attempts >= :max
            AND (heartbeat_at IS NULL OR heartbeat_at < :before)""",
        args);
    List<Orphan> stale =
        jdbc.query(
            """
            SELECT id, integration_id FROM knowledge_sync_run
            WHERE status IN ('queued', 'running') AND (heartbeat_at IS NULL OR heartbeat_at < :before)
            ORDER BY created_at, id LIMIT 100""",
            args,
            (rs, n) -> new Orphan(rs.getString("id"), rs.getString("integration_id")));
    List<Orphan> taken = new ArrayList<>();
    for (Orphan o : stale) {
      int n =
          jdbc.update(
              """
              UPDATE knowledge_sync_run SET status = 'queued', owner = :owner, heartbeat_at = :now
              WHERE id = :id AND status IN ('queued', 'running')
                  AND (heartbeat_at IS NULL OR heartbeat_at < :before)""",
              new MapSqlParameterSource(args.getValues()).addValue("id", o.runId()));
      if (n == 1) {
        taken.add(o);
      }
    }
    return taken;
  }

  /**
   * Embedded database restarted: every unfinished run's holder is gone; free them for take-over.
   */
  @Override
  public int releaseAllLeases() {
    return jdbc.update(
        """
        UPDATE knowledge_sync_run SET heartbeat_at = NULL
        WHERE status IN ('queued', 'running')""",
        new MapSqlParameterSource());
  }

  @Override
  public String describe() {
    return "AI source sync run(s)";
  }

  /** The integration's runs, newest first (at most 50). */
  List<Map<String, Object>> list(String orgId, String integrationId) {
    return jdbc.query(
        """
        SELECT * FROM knowledge_sync_run WHERE integration_id = :i AND org_id = :org
        ORDER BY created_at DESC, id DESC LIMIT 50""",
        new MapSqlParameterSource("i", integrationId).addValue("org", orgId),
        (rs, n) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", rs.getString("id"));
          m.put("kind", rs.getString("kind"));
          m.put("status", rs.getString("status"));
          m.put("pagesSeen", rs.getInt("pages_seen"));
          m.put("pagesChanged", rs.getInt("pages_changed"));
          m.put("pagesRemoved", rs.getInt("pages_removed"));
          m.put("recordsWritten", rs.getInt("records_written"));
          m.put("error", rs.getString("error"));
          m.put("createdAt", time(rs.getObject("created_at", OffsetDateTime.class)));
          m.put("startedAt", time(rs.getObject("started_at", OffsetDateTime.class)));
          m.put("finishedAt", time(rs.getObject("finished_at", OffsetDateTime.class)));
          return m;
        });
  }

  static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private static MapSqlParameterSource counters(String id, Progress p) {
    return new MapSqlParameterSource("id", id)
        .addValue("seen", p.seen)
        .addValue("changed", p.changed)
        .addValue("removed", p.removed)
        .addValue("written", p.written);
  }
}
