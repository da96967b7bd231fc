package io.fynedesk.connector.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import java.util.List;

/** The demo Notion workspace of the sandbox: a Tickets data source and a Knowledge base page. */
final class SandboxWorld {

  static final String WORKSPACE = "ws-demo";
  static final String TOKEN = "ntn_sandbox_demo_token";
  static final String DATABASE = "db-demo-tickets";
  static final String DATA_SOURCE = "ds-demo-tickets";
  static final String ORG = "org_demo";

  /** A second workspace and org for trying OAuth connect (the first is connected by token). */
  static final String OAUTH_WORKSPACE = "ws-oauth-demo";

  static final String OAUTH_ORG = "org_oauth_demo";
  static final String OAUTH_CLIENT_ID = "fynedesk-sandbox-app";

  private SandboxWorld() {}

  static String kbPageId;

  /** The Notion-owned help center (KB import source) and its first block, for the README's demo. */
  static String helpCenterPageId;

  static String helpCenterFirstBlock;

  /** The FyneDesk article the sandbox publishes to Notion. */
  static final String ARTICLE = "art_demo_getting_started";

  static void seed(NotionSimulator sim) {
    sim.workspace(WORKSPACE, "Demo workspace")
        .person(WORKSPACE, "user-demo-alice", "Alice Agent", "alice@demo.test")
        .bot(WORKSPACE, "bot-demo", "FyneDesk");
    kbPageId = sim.seedPage(WORKSPACE, null, "Knowledge base");
    sim.database(WORKSPACE, DATABASE, "Tickets", kbPageId);
    sim.dataSource(DATABASE, DATA_SOURCE, "Tickets")
        .title("Name")
        .status("Status", "New", "Open", "Pending", "Done", "Reopened")
        .select("Priority", "Low", "Normal", "High", "Urgent")
        .multiSelect("Tags", "bug", "billing", "feature");
    sim.token(TOKEN, WORKSPACE, "bot-demo", kbPageId);
    // KB import source: a Notion-owned page with a page below it.
    helpCenterPageId = sim.seedPage(WORKSPACE, kbPageId, "Help center");
    helpCenterFirstBlock =
        sim.seedBlocks(
                helpCenterPageId, List.of(paragraph("Welcome! This page is edited in Notion.")))
            .get(0);
    String refunds = sim.seedPage(WORKSPACE, helpCenterPageId, "Refunds");
    sim.seedBlocks(refunds, List.of(paragraph("Refunds are paid within 5 working days.")));
    sim.workspace(OAUTH_WORKSPACE, "OAuth demo workspace")
        .person(OAUTH_WORKSPACE, "user-oauth-bob", "Bob Admin", "bob@demo.test");
    String oauthPage = sim.seedPage(OAUTH_WORKSPACE, null, "Team handbook");
    // The simulated person on Notion's consent page approves, sharing the handbook.
    sim.consent(OAUTH_WORKSPACE, "user-oauth-bob", oauthPage);
  }

  private static ObjectNode paragraph(String text) {
    ObjectNode b = new ObjectMapper().createObjectNode().put("type", "paragraph");
    b.putObject("paragraph")
        .putArray("rich_text")
        .addObject()
        .putObject("text")
        .put("content", text);
    return b;
  }

  /** FyneDesk's public app in the simulator, redirecting to the sandbox's callback. */
  static void oauthApp(NotionSimulator sim, String clientSecret, String redirectUri) {
    sim.oauthClient(OAUTH_CLIENT_ID, clientSecret, List.of(redirectUri));
  }

  /**
   * The simulator's per-token rate limit from {@code SANDBOX_NOTION_RATE}: {@code off}, or
   * requests/s with a burst of three seconds' worth (Notion's 3/s with burst 9). Blank keeps the
   * simulator's default.
   */
  static String rateLimit(NotionSimulator sim, String setting) {
    if (setting == null || setting.isBlank()) {
      return "default (3/s, burst 9)";
    }
    if (setting.trim().equalsIgnoreCase("off")) {
      sim.rateLimitOff();
      return "off";
    }
    double perSecond = Double.parseDouble(setting.trim());
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException(
          "SANDBOX_NOTION_RATE must be off or a positive number, not " + setting);
    }
    int burst = (int) Math.max(1, Math.round(perSecond * 3));
    sim.rateLimit(perSecond, burst);
    return perSecond + "/s, burst " + burst;
  }
}
