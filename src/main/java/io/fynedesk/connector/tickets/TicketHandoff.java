package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.ConnectorProperties;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.fynedesk.FyneDeskClient;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.fynedesk.TicketLink;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionPages;
import io.fynedesk.connector.tickets.TicketLinkRepository.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the one Notion page of a ticket and links it back. Exactly once: the link row's key
 * decides who creates; a claim taken over after a failed or crashed attempt first looks in Notion
 * for the page that attempt may have created (by the reference in the page's callout).
 */
@Component("ticketHandoff")
public class TicketHandoff {

  private static final Logger LOG = LoggerFactory.getLogger(TicketHandoff.class);

  private final NotionClient notion;
  private final ConnectionHealth health;
  private final TicketLinkRepository links;
  private final TicketPages pages;
  private final DataSourceSchemas schemas;
  private final FyneDeskClient fynedesk;
  private final ObjectMapper mapper;
  private final String owner = "handoff-" + UUID.randomUUID().toString().substring(0, 8);
  private final Duration lease;

  TicketHandoff(
      NotionClient notion,
      ConnectionHealth health,
      TicketLinkRepository links,
      TicketPages pages,
      DataSourceSchemas schemas,
      FyneDeskClient fynedesk,
      ObjectMapper mapper,
      ConnectorProperties props) {
    this.lease = props.handoff().lease();
    this.notion = notion.urgent();
    this.health = health;
    this.links = links;
    this.pages = pages;
    this.schemas = schemas;
    this.fynedesk = fynedesk;
    this.mapper = mapper;
  }

  /** This replica's lease owner (page creation and page updates), renewed by its heartbeat. */
  String leaseOwner() {
    return owner;
  }

  Duration lease() {
    return lease;
  }

  /** Heartbeat: renews the page leases (creating, updating) this replica holds while they run. */
  public int renewLeases() {
    return links.renewLeases(owner, lease);
  }

  /**
   * Claims the ticket's page creation for this worker: {@code NEW} (create it), {@code TAKEN_OVER}
   * (an earlier attempt failed or crashed: look for its page first) or {@code EXISTS} (link back
   * only). Another worker creating it right now is a retryable {@link HandoffException}.
   */
  public String claim(
      @Body TicketEvent event,
      @ExchangeProperty(HandoffHeaders.CONNECTION) OrgConnection connection) {
    settings(connection);
    Claim claim = links.claim(event.orgId(), event.ticket().id(), owner, lease);
    if (claim == Claim.BUSY) {
      throw HandoffException.busy(event.ticket().id());
    }
    return claim.name();
  }

  /**
   * After a taken-over claim: whether the page an earlier attempt created was found and recorded.
   */
  public boolean adopt(
      @Body TicketEvent event,
      @ExchangeProperty(HandoffHeaders.CONNECTION) OrgConnection connection) {
    try {
      return adoptExisting(
          connection.auth(), event.orgId(), event.ticket(), settings(connection).dataSourceId());
    } catch (RuntimeException e) {
      // Looking created nothing: let the next attempt (of any replica) claim it at once, instead of
      // finding this replica's lease renewed by its heartbeat (e.g. while Notion is down).
      links.release(event.orgId(), event.ticket().id());
      throw e;
    }
  }

  /** Creates the ticket's page in the org's data source and records it. */
  public void create(
      @Body TicketEvent event,
      @ExchangeProperty(HandoffHeaders.CONNECTION) OrgConnection connection) {
    create(connection.auth(), event.orgId(), event.ticket(), settings(connection));
  }

  /** Gives FyneDesk the page link, once. */
  public void linkBack(@Body TicketEvent event) {
    linkBack(event.orgId(), event.ticket());
  }

  private static HandoffSettings settings(OrgConnection connection) {
    if (connection == null || !connection.connected()) {
      throw HandoffException.notConnected();
    }
    HandoffSettings settings = connection.settings().section(HandoffSettings.class);
    if (settings.dataSourceId() == null) {
      throw HandoffException.notConfigured();
    }
    return settings;
  }

  private void create(NotionAuth auth, String org, Ticket ticket, HandoffSettings settings) {
    String dataSourceId = settings.dataSourceId();
    TicketPages.Draft draft;
    try {
      draft = pages.draft(auth, ticket, settings);
    } catch (RuntimeException e) {
      links.release(org, ticket.id()); // nothing was sent to create the page yet
      throw e;
    }
    links.attempting(org, ticket.id());
    JsonNode page;
    try {
      ObjectNode parent =
          mapper
              .createObjectNode()
              .put("type", "data_source_id")
              .put("data_source_id", dataSourceId);
      page = notion.createPage(auth, parent, draft.mapped().properties(), draft.body());
    } catch (NotionApiException e) {
      if (e.retryable()) {
        links.release(org, ticket.id()); // Notion may have created it: the next attempt looks first
      } else {
        links.abandon(org, ticket.id()); // refused outright: nothing exists in Notion
        pages.forgetSchema(org);
      }
      throw e;
    } catch (RuntimeException e) {
      links.release(org, ticket.id());
      throw e;
    }
    links.created(
        org,
        ticket.id(),
        page.path("id").asText(),
        page.path("url").asText(null),
        draft.mapped().fingerprints().toString(),
        ticket.updatedAt());
    pages.remember(org, page.path("id").asText(), draft.mapped().properties());
    health.synced(org);
    if (!draft.mapped().warnings().isEmpty()) {
      LOG.info(
          "Ticket {} of org {} handed off with warnings: {}",
          ticket.id(),
          org,
          draft.mapped().warnings());
      health.warn(
          org, "ticket " + ticket.id() + ": " + String.join("; ", draft.mapped().warnings()));
    }
  }

  /**
   * After a failed or crashed attempt: finds the page that attempt created, if any, and records it.
   */
  private boolean adoptExisting(NotionAuth auth, String org, Ticket ticket, String dataSourceId) {
    TicketLinkRepository.Link link = links.find(org, ticket.id()).orElseThrow();
    String subject = ticket.subject() == null ? "" : ticket.subject();
    ObjectNode filter =
        candidatesFilter(auth, dataSourceId, subject, link.createdAt().minusMinutes(2).toInstant());
    for (JsonNode candidate : notion.queryDataSourceAll(auth, dataSourceId, filter, null)) {
      if (!subject.equals(NotionPages.titleOf(candidate))) {
        continue;
      }
      String pageId = candidate.path("id").asText();
      for (JsonNode block : notion.listBlockChildren(auth, pageId, null).results()) {
        if (TicketPageBody.isHandoffCallout(block, org, ticket.id())) {
          LOG.info(
              "Ticket {} of org {}: adopted page {} created by an earlier attempt",
              ticket.id(),
              org,
              pageId);
          links.created(org, ticket.id(), pageId, candidate.path("url").asText(null), null, null);
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Pages of the data source edited since the claim (minus Notion's minute rounding), narrowed by
   * Notion to the ticket's title when there is one, so the reconcile reads only likely candidates.
   */
  private ObjectNode candidatesFilter(
      NotionAuth auth, String dataSourceId, String subject, Instant since) {
    ObjectNode edited = mapper.createObjectNode().put("timestamp", "last_edited_time");
    edited.putObject("last_edited_time").put("on_or_after", since.toString());
    Optional<String> titleProperty =
        PropertyMapper.titleProperty(schemas.properties(auth, dataSourceId));
    if (subject.isEmpty() || titleProperty.isEmpty()) {
      return edited;
    }
    ObjectNode both = mapper.createObjectNode();
    ArrayNode and = both.putArray("and");
    and.add(edited);
    and.addObject().put("property", titleProperty.get()).putObject("title").put("equals", subject);
    return both;
  }

  private void linkBack(String org, Ticket ticket) {
    TicketLinkRepository.Link link = links.find(org, ticket.id()).orElseThrow();
    if (link.linkedBack()) {
      return;
    }
    fynedesk.linkTicket(
        org, ticket.id(), TicketLink.notionPage(link.pageId(), link.pageUrl(), ticket.subject()));
    links.linkedBack(org, ticket.id());
  }
}
