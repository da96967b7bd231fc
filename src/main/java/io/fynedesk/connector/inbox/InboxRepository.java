package io.fynedesk.connector.inbox;

import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable inbox. Rows move {@code pending → processing → done | ignored | failed}, or to {@code
 * waiting} while the org's connection needs a reconnect. Claiming is a conditional UPDATE per row,
 * so two replicas never process the same event, and a claim whose owner died expires.
 */
@Repository
public class InboxRepository {

  /** Statuses that still count as work to do. */
  public static final List<String> OPEN = List.of("pending", "processing", "waiting");

  private static final RowMapper<InboxEvent> ROW =
      (rs, i) ->
          new InboxEvent(
              rs.getString("id"),
              rs.getString("org_id"),
              rs.getString("type"),
              rs.getObject("occurred_at", OffsetDateTime.class),
              rs.getString("origin"),
              rs.getString("payload"),
              rs.getInt("attempts"));

  private record Candidate(String id, OffsetDateTime receivedAt) {}

  private static final RowMapper<Candidate> CANDIDATE =
      (rs, i) ->
          new Candidate(rs.getString("id"), rs.getObject("received_at", OffsetDateTime.class));

  private final NamedParameterJdbcTemplate jdbc;

  InboxRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  private static final String INSERT =
      """
      INSERT INTO inbox_event
        (id, org_id, type, occurred_at, origin, payload, status, note, received_at, processed_at)
      VALUES (:id, :org, :type, :at, :origin, :payload, :status, :note, :now, :processed)
      ON CONFLICT DO NOTHING""";

  /**
   * The oldest pending events not held, in claim order. Ordered by the whole status index (status,
   * received_at, id), so the database reads the index in order and stops at the limit.
   */
  static final String CLAIMABLE_PENDING =
      """
      SELECT id, received_at FROM inbox_event
      WHERE status = 'pending' AND (held_until IS NULL OR held_until < :now)
      ORDER BY status, received_at, id LIMIT :limit""";

  /** The oldest events whose claim expired (their replica died), in claim order. */
  static final String CLAIMABLE_EXPIRED =
      """
      SELECT id, received_at FROM inbox_event
      WHERE status = 'processing' AND claimed_until < :now
      ORDER BY status, received_at, id LIMIT :limit""";

  /** An event to store, as the intake read it. */
  public record NewEvent(
      String id,
      String orgId,
      String type,
      OffsetDateTime occurredAt,
      String origin,
      String payload) {

    MapSqlParameterSource parameters(OffsetDateTime now) {
      return parameters(now, null);
    }

    /**
     * The insert's parameters: {@code pending}, or already {@code ignored} with {@code ignoredNote}
     * when that is not null.
     */
    MapSqlParameterSource parameters(OffsetDateTime now, String ignoredNote) {
      return new MapSqlParameterSource()
          .addValue("id", id)
          .addValue("org", orgId)
          .addValue("type", type)
          .addValue("at", occurredAt)
          .addValue("origin", origin)
          .addValue("payload", payload)
          .addValue("status", ignoredNote == null ? "pending" : "ignored")
          .addValue("note", ignoredNote)
          .addValue("now", now)
          .addValue("processed", ignoredNote == null ? null : now, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  /** Stores an event; false when an event with this id is already stored. */
  public boolean insert(
      String id,
      String orgId,
      String type,
      OffsetDateTime occurredAt,
      String origin,
      String payload) {
    return insert(new NewEvent(id, orgId, type, occurredAt, origin, payload));
  }

  /** Stores an event; false when an event with this id is already stored. */
  public boolean insert(NewEvent event) {
    return insert(event, null);
  }

  /**
   * Stores an event, pending or (with {@code ignoredNote}) already ignored; false when an event
   * with this id is already stored.
   */
  boolean insert(NewEvent event, String ignoredNote) {
    return jdbc.update(INSERT, event.parameters(now(), ignoredNote)) == 1;
  }

  /**
   * Stores several events in one statement batch (the caller holds the transaction, so they commit
   * together), an org named in {@code ignoredNoteByOrg} already ignored with that note; {@code
   * true} at index i when event i was new, {@code false} for a duplicate id.
   */
  boolean[] insertAll(List<NewEvent> events, Map<String, String> ignoredNoteByOrg) {
    OffsetDateTime now = now();
    int[] counts =
        jdbc.batchUpdate(
            INSERT,
            events.stream()
                .map(e -> e.parameters(now, ignoredNoteByOrg.get(e.orgId())))
                .toArray(MapSqlParameterSource[]::new));
    boolean[] stored = new boolean[events.size()];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = counts[i] == 1;
    }
    return stored;
  }

  /**
   * Claims up to {@code limit} events for this replica: pending ones, and processing ones whose
   * claim expired. Each row is taken by a conditional UPDATE; a row another replica took first is
   * skipped. One transaction, so the batch's claims cost one commit.
   */
  @Transactional
  public List<InboxEvent> claim(String owner, int limit, Duration claimTimeout) {
    OffsetDateTime now = now();
    MapSqlParameterSource p =
        new MapSqlParameterSource()
            .addValue("now", now)
            .addValue("until", now.plus(claimTimeout))
            .addValue("owner", owner)
            .addValue("limit", limit);
    // Two index range reads instead of one OR, which H2 answered with a scan and sort of the whole
    // table on every poll. Each orders by the whole index (status, received_at, id): only then does
    // H2 read the index in order and stop at the limit; "ORDER BY received_at, id" made it read and
    // sort every pending row on every poll (profiled: a fifth of the CPU under intake load).
    List<Candidate> found = new ArrayList<>(jdbc.query(CLAIMABLE_PENDING, p, CANDIDATE));
    found.addAll(jdbc.query(CLAIMABLE_EXPIRED, p, CANDIDATE));
    List<String> candidates =
        found.stream()
            .sorted(Comparator.comparing(Candidate::receivedAt).thenComparing(Candidate::id))
            .limit(limit)
            .map(Candidate::id)
            .toList();
    List<String> mine = new ArrayList<>();
    for (String id : candidates) {
      p.addValue("id", id);
      int n =
          jdbc.update(
              """
          UPDATE inbox_event SET status = 'processing', claimed_by = :owner, claimed_until = :until,
            attempts = attempts + 1, held_for = NULL, held_until = NULL
          WHERE id = :id AND ((status = 'pending' AND (held_until IS NULL OR held_until < :now))
            OR (status = 'processing' AND claimed_until < :now))""",
              p);
      if (n == 1) {
        mine.add(id);
      }
    }
    if (mine.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "SELECT * FROM inbox_event WHERE id IN (:ids) ORDER BY received_at, id",
        new MapSqlParameterSource("ids", mine),
        ROW);
  }

  /** Heartbeat: extends every claim {@code owner} still holds to {@code claimTimeout} from now. */
  public int renew(String owner, Duration claimTimeout) {
    OffsetDateTime now = now();
    return jdbc.update(
        """
        UPDATE inbox_event SET claimed_until = :until
        WHERE status = 'processing' AND claimed_by = :owner""",
        new MapSqlParameterSource("owner", owner).addValue("until", now.plus(claimTimeout)));
  }

  /**
   * Puts every claimed event back in line at once: for a starting instance on an embedded database
   * only one process can open, whose claims all belong to a process that is gone.
   */
  public int releaseAllClaims() {
    return jdbc.update(
        """
        UPDATE inbox_event SET status = 'pending', claimed_by = NULL, claimed_until = NULL
        WHERE status = 'processing'""",
        new MapSqlParameterSource());
  }

  /**
   * Finishes an event with a final status and a note (why it was ignored, what failed); {@code
   * claimed_by} stays, saying which replica processed it.
   */
  public void finish(String id, String status, String note) {
    jdbc.update(
        """
        UPDATE inbox_event SET status = :status, note = :note, processed_at = :now,
          claimed_until = NULL
        WHERE id = :id""",
        new MapSqlParameterSource("id", id)
            .addValue("status", status)
            .addValue(
                "note", note == null || note.length() <= 2000 ? note : note.substring(0, 2000))
            .addValue("now", now()));
  }

  /**
   * Holds a claimed event for {@code key}: pending again, but not claimed before {@code maxHold}
   * has passed or {@link #release} was called for the key.
   */
  public void hold(String id, String key, Duration maxHold) {
    jdbc.update(
        """
        UPDATE inbox_event SET status = 'pending', claimed_by = NULL, claimed_until = NULL,
          held_for = :key, held_until = :until
        WHERE id = :id AND status = 'processing'""",
        new MapSqlParameterSource("id", id)
            .addValue("key", key)
            .addValue("until", now().plus(maxHold)));
  }

  /**
   * Makes the events held for {@code key} claimable at once. It reads the pending range of the
   * status index (held events are pending); there is no index on {@code held_for} (V52).
   */
  public int release(String key) {
    return jdbc.update(
        """
        UPDATE inbox_event SET held_for = NULL, held_until = NULL
        WHERE status = 'pending' AND held_for = :key""",
        new MapSqlParameterSource("key", key));
  }

  /** Parks an event until the org reconnects Notion. */
  public void park(String id, String note) {
    finish(id, "waiting", note);
  }

  /** Orgs with events parked until they reconnect (at most {@code limit}). */
  public List<String> waitingOrgs(int limit) {
    return jdbc.queryForList(
        "SELECT DISTINCT org_id FROM inbox_event WHERE status = 'waiting' LIMIT :limit",
        new MapSqlParameterSource("limit", limit),
        String.class);
  }

  /** Puts an org's parked events back in line (after a reconnect). */
  public int resumeWaiting(String orgId) {
    return jdbc.update(
        """
        UPDATE inbox_event SET status = 'pending', processed_at = NULL
        WHERE org_id = :org AND status = 'waiting'""",
        new MapSqlParameterSource("org", orgId));
  }

  /** Puts one of an org's finished events back in line (failure replay). */
  public boolean requeue(String orgId, String id) {
    return jdbc.update(
            """
        UPDATE inbox_event SET status = 'pending', processed_at = NULL, note = NULL
        WHERE org_id = :org AND id = :id AND status NOT IN ('pending', 'processing')""",
            new MapSqlParameterSource("org", orgId).addValue("id", id))
        == 1;
  }

  /** Events of an org still to be processed. */
  public int countOpen(String orgId) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM inbox_event WHERE org_id = :org AND status IN (:open)",
            new MapSqlParameterSource("org", orgId).addValue("open", OPEN),
            Integer.class);
    return n == null ? 0 : n;
  }

  /** Drops an org's parked and pending work (disconnect: syncing stops). */
  public int cancelOpen(String orgId) {
    return jdbc.update(
        """
        UPDATE inbox_event SET status = 'ignored', note = 'connection removed', processed_at = :now
        WHERE org_id = :org AND status IN ('pending', 'waiting')""",
        new MapSqlParameterSource("org", orgId).addValue("now", now()));
  }

  /** Status of one event, for tests and diagnostics. */
  public String status(String id) {
    List<String> s =
        jdbc.queryForList(
            "SELECT status FROM inbox_event WHERE id = :id",
            new MapSqlParameterSource("id", id),
            String.class);
    return s.isEmpty() ? null : s.get(0);
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
