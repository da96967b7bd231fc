package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;

/**
 * An org connected to a fresh Notion world, with the hand-off switched on and every field mapped.
 */
abstract class HandoffFixture extends AbstractConnectorIT {

  static final String SETTINGS =
      """
      {"enabled": true,
       "ticketHandoff": {"enabled": true, "dataSourceId": "%s", "triggers": ["created", "escalated", "tagged"],
         "propertyMap": {"priority": "Priority", "status": "Status", "tags": "Tags", "category": "Category",
                         "number": "Number", "url": "Ticket URL", "createdAt": "Created", "assignee": "Assignee",
                         "requester": "Requester email"}}}
      """;

  NotionWorld world;
  String org;
  String jwt;
  TicketEvents events;

  void setUpHandoff() {
    world = newWorld();
    org = newOrg();
    jwt = TestJwt.admin(org);
    connect(org, world);
    Http.Answer a =
        http()
            .json(
                "PATCH",
                "/api/v1/connections/notion/settings",
                jwt,
                SETTINGS.formatted(world.dataSourceId));
    if (a.status() != 200) {
      throw new AssertionError(a.body());
    }
    events = new TicketEvents(http());
  }

  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  /** A ticket as FyneDesk has it (seeded in the FyneDesk simulator), as event JSON. */
  String ticket(String ticketId, String subject, String priority, String status, String... tags) {
    String json = TicketEvents.ticketJson(ticketId, subject, priority, status, tags);
    try {
      Simulators.fynedesk().addTicket(org, MAPPER.readValue(json, Ticket.class));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return json;
  }

  /** Rows in the world's Tickets data source whose title is {@code subject}. */
  long pagesTitled(String subject) {
    return world.sim.rows(world.dataSourceId).stream()
        .filter(
            id ->
                subject.equals(
                    world.sim.page(id).at("/properties/Name/title/0/plain_text").asText()))
        .count();
  }

  String pageTitled(String subject) {
    return world.sim.rows(world.dataSourceId).stream()
        .filter(
            id ->
                subject.equals(
                    world.sim.page(id).at("/properties/Name/title/0/plain_text").asText()))
        .findFirst()
        .orElseThrow();
  }
}
