package io.fynedesk.connector.tickets;

import io.fynedesk.connector.inbox.WorkLeases;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Ticket ↔ Notion page links. The primary key (org, ticket) makes "one page per ticket" a database
 * fact; a {@code pending} row with a lease says who is creating the page right now, and a pending
 * row whose lease expired after a create attempt means "Notion may have the page: look first".
 */
@Repository
public class TicketLinkRepository implements WorkLeases {

  /** A stored link. */
  public record Link(
      String orgId,
      String ticketId,
      String state,
      String pageId,
      String pageUrl,
      int attempts,
      String mappedValues,
      boolean linkedBack,
      OffsetDateTime createdAt,
      OffsetDateTime appliedUpdatedAt) {

    public boolean created() {
      return "created".equals(state);
    }
  }

  /** Outcome of claiming the creation of a ticket's page. */
  public enum Claim {
    /** This worker creates the page; nobody tried before. */
    NEW,
    /** This worker took over an earlier attempt that may have created the page: reconcile first. */
    TAKEN_OVER,
    /** The page exists already. */
    EXISTS,
    /** Another worker holds a live lease on it. */
    BUSY
  }

  private static final RowMapper<Link> ROW =
      (rs, i) ->
          new Link(
              rs.getString("org_id"),
              rs.getString("ticket_id"),
              rs.getString("state"),
              rs.getString("page_id"),
              rs.getString("page_url"),
              rs.getInt("attempts"),
              rs.getString("mapped_values"),
              rs.getBoolean("linked_back"),
              rs.getObject("created_at", OffsetDateTime.class),
              rs.getObject("applied_updated_at", OffsetDateTime.class));

  private final NamedParameterJdbcTemplate jdbc;

  TicketLinkRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Link> find(String orgId, String ticketId) {
    return jdbc
        .query(
            "SELECT * FROM ticket_page_link WHERE org_id = :org AND ticket_id = :ticket",
            keys(orgId, ticketId),
            ROW)
        .stream()
        .findFirst();
  }

  public Optional<Link> findByPage(String pageId) {
    return jdbc
        .query(
            "SELECT * FROM ticket_page_link WHERE page_id = :page",
            new MapSqlParameterSource("page", pageId),
            ROW)
        .stream()
        .findFirst();
  }

  /** Claims the creation of the ticket's page for {@code owner} for {@code lease}. */
  public Claim claim(String orgId, String ticketId, String owner, Duration lease) {
    OffsetDateTime now = now();
    MapSqlParameterSource p =
        keys(orgId, ticketId)
            .addValue("owner", owner)
            .addValue("now", now)
            .addValue("until", now.plus(lease));
    int inserted =
        jdbc.update(
            """
        INSERT INTO ticket_page_link (org_id, ticket_id, state, lease_owner, lease_until, created_at, updated_at)
        VALUES (:org, :ticket, 'pending', :owner, :until, :now, :now)
        ON CONFLICT DO NOTHING""",
            p);
    if (inserted == 1) {
      return Claim.NEW;
    }
    Link link = find(orgId, ticketId).orElse(null);
    if (link == null) {
      return Claim.BUSY; // removed between the insert and the read: let redelivery try again
    }
    if (link.created()) {
      return Claim.EXISTS;
    }
    int taken =
        jdbc.update(
            """
        UPDATE ticket_page_link SET lease_owner = :owner, lease_until = :until, updated_at = :now
        WHERE org_id = :org AND ticket_id = :ticket AND state = 'pending'
          AND (lease_until IS NULL OR lease_until < :now)""",
            p);
    if (taken == 0) {
      return Claim.BUSY;
    }
    return link.attempts() > 0 ? Claim.TAKEN_OVER : Claim.NEW;
  }

  /** Heartbeat: extends every lease {@code owner} holds (creating or updating) to {@code lease}. */
  public int renewLeases(String owner, Duration lease) {
    OffsetDateTime now = now();
    return jdbc.update(
        """
        UPDATE ticket_page_link SET lease_until = :until
        WHERE lease_owner = :owner""",
        new MapSqlParameterSource("owner", owner).addValue("until", now.plus(lease)));
  }

  @Override
  public String describe() {
    return "ticket-page lease(s)";
  }

  /** Ends every pending lease at once (a starting instance that alone can open the database). */
  @Override
  public int releaseAllLeases() {
    return jdbc.update(
        """
        UPDATE ticket_page_link SET lease_owner = NULL, lease_until = NULL
        WHERE lease_owner IS NOT NULL""",
        new MapSqlParameterSource());
  }

  /** Notes that a create request is about to go out (from now on the page may exist in Notion). */
  public void attempting(String orgId, String ticketId) {
    jdbc.update(
        """
        UPDATE ticket_page_link SET attempts = attempts + 1, updated_at = :now
        WHERE org_id = :org AND ticket_id = :ticket AND state = 'pending'""",
        keys(orgId, ticketId).addValue("now", now()));
  }

  /** Records the created page; the pending claim becomes the link. */
  public void created(
      String orgId,
      String ticketId,
      String pageId,
      String pageUrl,
      String mappedValues,
      Instant updatedAt) {
    jdbc.update(
        """
        UPDATE ticket_page_link SET state = 'created', page_id = :page, page_url = :url, mapped_values = :mapped,
          lease_owner = NULL, lease_until = NULL, updated_at = :now, applied_updated_at = :applied
        WHERE org_id = :org AND ticket_id = :ticket""",
        keys(orgId, ticketId)
            .addValue("page", pageId)
            .addValue("url", pageUrl)
            .addValue("mapped", mappedValues)
            .addValue("now", now())
            .addValue("applied", applied(updatedAt), Types.TIMESTAMP_WITH_TIMEZONE));
  }

  /**
   * Releases a claim after a failure: the next attempt may go at once (and reconciles if it must).
   */
  public void release(String orgId, String ticketId) {
    jdbc.update(
        """
        UPDATE ticket_page_link SET lease_owner = NULL, lease_until = NULL, updated_at = :now
        WHERE org_id = :org AND ticket_id = :ticket AND state = 'pending'""",
        keys(orgId, ticketId).addValue("now", now()));
  }

  /** Drops a pending claim whose create Notion refused outright (nothing was created). */
  public void abandon(String orgId, String ticketId) {
    jdbc.update(
        "DELETE FROM ticket_page_link WHERE org_id = :org AND ticket_id = :ticket AND state = 'pending'",
        keys(orgId, ticketId));
  }

  public void linkedBack(String orgId, String ticketId) {
    jdbc.update(
        "UPDATE ticket_page_link SET linked_back = TRUE WHERE org_id = :org AND ticket_id = :ticket",
        keys(orgId, ticketId));
  }

  /**
   * Takes the update lease of a created page for {@code owner}: one worker of any replica writes a
   * ticket's page at a time, so writes land in the order they were decided. False while another
   * holds a live one.
   */
  public boolean lockForUpdate(String orgId, String ticketId, String owner, Duration lease) {
    OffsetDateTime now = now();
    return jdbc.update(
            """
            UPDATE ticket_page_link SET lease_owner = :owner, lease_until = :until
            WHERE org_id = :org AND ticket_id = :ticket AND state = 'created'
              AND (lease_owner IS NULL OR lease_until < :now OR lease_owner = :owner)""",
            keys(orgId, ticketId)
                .addValue("owner", owner)
                .addValue("until", now.plus(lease))
                .addValue("now", now))
        == 1;
  }

  /** Gives back the update lease {@code owner} took. */
  public void unlockUpdate(String orgId, String ticketId, String owner) {
    jdbc.update(
        """
        UPDATE ticket_page_link SET lease_owner = NULL, lease_until = NULL
        WHERE org_id = :org AND ticket_id = :ticket AND state = 'created' AND lease_owner = :owner""",
        keys(orgId, ticketId).addValue("owner", owner));
  }

  /**
   * Records what the page shows after a write of the ticket's snapshot of {@code updatedAt} (kept
   * when null: the event carried no time).
   */
  public void applied(String orgId, String ticketId, String mappedValues, Instant updatedAt) {
    jdbc.update(
        """
        UPDATE ticket_page_link SET mapped_values = :mapped, updated_at = :now,
          applied_updated_at = COALESCE(:applied, applied_updated_at)
        WHERE org_id = :org AND ticket_id = :ticket""",
        keys(orgId, ticketId)
            .addValue("mapped", mappedValues)
            .addValue("now", now())
            .addValue("applied", applied(updatedAt), Types.TIMESTAMP_WITH_TIMEZONE));
  }

  public void mappedValues(String orgId, String ticketId, String mappedValues) {
    jdbc.update(
        """
        UPDATE ticket_page_link SET mapped_values = :mapped, updated_at = :now
        WHERE org_id = :org AND ticket_id = :ticket""",
        keys(orgId, ticketId).addValue("mapped", mappedValues).addValue("now", now()));
  }

  /** Number of created pages of an org (tests, metrics). */
  public List<Link> all(String orgId) {
    return jdbc.query(
        "SELECT * FROM ticket_page_link WHERE org_id = :org",
        new MapSqlParameterSource("org", orgId),
        ROW);
  }

  private static MapSqlParameterSource keys(String orgId, String ticketId) {
    return new MapSqlParameterSource("org", orgId).addValue("ticket", ticketId);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** A ticket's {@code updatedAt} as the {@code applied_updated_at} column takes it (null kept). */
  private static OffsetDateTime applied(Instant updatedAt) {
    return updatedAt == null ? null : OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC);
  }
}
