package io.fynedesk.connector.support;

import io.fynedesk.connector.simulator.notion.NotionSimulator;
import java.util.UUID;

/**
 * A fresh Notion workspace in the shared simulator: its own token (so its own rate budget), a
 * "Tickets" data source with the usual properties, a knowledge-base parent page and two people.
 */
public final class NotionWorld {

  public final NotionSimulator sim;
  public final String workspaceId;
  public final String token;
  public final String botId;
  public final String databaseId;
  public final String dataSourceId;
  public final String kbPageId;
  public final String privatePageId;

  public NotionWorld(NotionSimulator sim) {
    this.sim = sim;
    String s = UUID.randomUUID().toString().substring(0, 8);
    workspaceId = "ws-" + s;
    token = "ntn_" + s + "_token";
    botId = "bot-" + s;
    databaseId = "db-" + s;
    dataSourceId = "ds-" + s;
    sim.workspace(workspaceId, "Acme " + s)
        .person(workspaceId, "user-alice-" + s, "Alice Agent", "alice@acme.test")
        .person(workspaceId, "user-bob-" + s, "Bob Builder", "bob@acme.test");
    kbPageId = sim.seedPage(workspaceId, null, "Knowledge base");
    privatePageId = sim.seedPage(workspaceId, null, "Private notes");
    sim.database(workspaceId, databaseId, "Tickets", kbPageId);
    sim.dataSource(databaseId, dataSourceId, "Tickets")
        .title("Name")
        .status("Status", "New", "Open", "Pending", "Done", "Reopened")
        .select("Priority", "Low", "Normal", "High", "Urgent")
        .multiSelect("Tags", "bug", "billing")
        .richText("Category")
        .number("Number")
        .url("Ticket URL")
        .date("Created")
        .people("Assignee")
        .email("Requester email")
        .checkbox("Escalated")
        .richText("Requester");
    sim.token(token, workspaceId, botId, kbPageId);
  }

  public String aliceId() {
    return "user-alice-" + workspaceId.substring(3);
  }
}
