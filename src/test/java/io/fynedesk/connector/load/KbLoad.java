package io.fynedesk.connector.load;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionProperties;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.ChildConnector;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.TestJwt;
import io.fynedesk.connector.support.TicketEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * KB sync figures (issue 9): the connector in a child JVM against in-process simulators.
 *
 * <ol>
 *   <li>Publish of a 500-block article, then 20 one-paragraph edits: Notion requests and time per
 *       edit, against a same-run delete-and-recreate baseline (list, delete every block, append).
 *   <li>Hand-off latency of 20 tickets idle, then 20 tickets while a 300-page import runs at 3
 *       req/s (simulator limit 3/s, burst 9; connector budget 3/s): import pages/s, budget use,
 *       429s, and the hand-off p95 ratio busy ÷ idle.
 * </ol>
 *
 * Run with {@code bash src/test/load/kb-load.sh} ({@code --pages N --edits N --tickets N}).
 */
public final class KbLoad {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final NotionSimulator notion = NotionSimulator.start();
  private final FyneDeskSimulator fynedesk = FyneDeskSimulator.start();
  private final NotionWorld world = new NotionWorld(notion);
  private final String org = "org_kbload";
  private ChildConnector connector;
  private String jwt;

  public static void main(String[] args) throws Exception {
    int pages = arg(args, "--pages", 300);
    int edits = arg(args, "--edits", 20);
    int tickets = arg(args, "--tickets", 20);
    KbLoad load = new KbLoad();
    try {
      load.start();
      load.publishAndEdits(edits);
      if (pages > 0) {
        load.importWhileHandingOff(pages, tickets);
      }
    } finally {
      load.stop();
    }
  }

  void start() throws Exception {
    Path dir = Files.createTempDirectory("kb-load");
    connector =
        ChildConnector.start(
            dir,
            Map.of(
                "NOTION_API_BASE_URL",
                notion.baseUrl(),
                "FYNEDESK_API_BASE_URL",
                fynedesk.baseUrl(),
                "FYNEDESK_API_TOKEN",
                FyneDeskSimulator.DEFAULT_TOKEN,
                "CONNECTOR_INBOX_POLL_DELAY_MS",
                "50"));
    fynedesk
        .events(
            "http://127.0.0.1:" + connector.port + "/api/v1/events",
            ChildConnector.SECRETS.get("FYNEDESK_EVENTS_SECRET"))
        .autoEmit(true);
    jwt =
        TestJwt.token(
            ChildConnector.SECRETS.get("CONNECTOR_SECURITY_JWT_SECRET"),
            org,
            "admin",
            "pro",
            Instant.now().plusSeconds(7200));
    check(
        connector.http.json(
            "PUT", "/api/v1/connections/notion/token", jwt, "{\"token\":\"" + world.token + "\"}"));
  }

  void stop() throws Exception {
    if (connector != null) {
      connector.close();
    }
    notion.close();
    fynedesk.close();
  }

  // ---- 1. publish and edits -------------------------------------------------------------------

  void publishAndEdits(int edits) throws Exception {
    notion.rateLimitOff();
    settings(
        """
        {"enabled": true, "kbSync": {"publishEnabled": true, "publishParentPageId": "%s"}}"""
            .formatted(world.kbPageId));
    String id = "art_load_1";
    long t0 = System.nanoTime();
    int mark = notion.calls().size();
    String[] texts = new String[500];
    fynedesk.publishArticle(org, article(id, "Big article", body(texts)));
    waitFor(Duration.ofMinutes(5), () -> articleSynced(id));
    String page = notion.childPages(world.kbPageId).get(0);
    System.out.printf(
        Locale.ROOT,
        "publish of a 500-block article: %d Notion requests, %.0f ms%n",
        calls(mark).size(),
        ms(t0));
    List<Integer> requests = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < edits; i++) {
      int paragraph = (i * 37) % 250;
      String marker = "Edited paragraph " + paragraph + " in round " + i;
      mark = notion.calls().size();
      long syncs = syncWrites(id);
      t0 = System.nanoTime();
      texts[paragraph] = marker; // cumulative: each edit changes exactly one paragraph
      fynedesk.editArticle(org, id, null, body(texts));
      waitFor(Duration.ofMinutes(1), () -> pageContains(page, marker));
      times.add(ms(t0));
      waitFor(Duration.ofMinutes(1), () -> syncWrites(id) > syncs);
      requests.add(calls(mark).size());
    }
    System.out.printf(
        Locale.ROOT,
        "%d one-paragraph edits: Notion requests per edit max %d, mean %.2f; time per edit p50 %.0f"
            + " ms, max %.0f ms (event to page changed)%n",
        edits,
        requests.stream().mapToInt(Integer::intValue).max().orElse(0),
        requests.stream().mapToInt(Integer::intValue).average().orElse(0),
        percentile(times, 50),
        percentile(times, 100));
    baseline(page);
  }

  /** The peers' way, same run, same simulator: read the page, delete every block, append all. */
  void baseline(String page) {
    NotionClient client =
        new NotionClient(
            new NotionProperties(
                new NotionProperties.Api(notion.baseUrl(), "2025-09-03"),
                new NotionProperties.RateLimit(1000),
                null,
                null),
            JSON,
            List.of());
    NotionAuth auth = new NotionAuth("baseline", world.token);
    int mark = notion.calls().size();
    long t0 = System.nanoTime();
    List<JsonNode> blocks = client.listAllBlockChildren(auth, page);
    for (JsonNode b : blocks) {
      client.deleteBlock(auth, b.path("id").asText());
    }
    List<ObjectNode> fresh = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      ObjectNode p = JSON.createObjectNode().put("type", "paragraph");
      p.putObject("paragraph")
          .putArray("rich_text")
          .addObject()
          .putObject("text")
          .put("content", "Paragraph " + i);
      fresh.add(p);
    }
    client.appendBlockChildren(auth, page, fresh);
    System.out.printf(
        Locale.ROOT,
        "delete-and-recreate baseline (same page, same run): %d Notion requests, %.0f ms%n",
        calls(mark).size(),
        ms(t0));
  }

  // ---- 2. import while handing off ----------------------------------------------------------

  void importWhileHandingOff(int pages, int tickets) throws Exception {
    notion.rateLimit(3, 9);
    settings(
        """
        {"enabled": true, "ticketHandoff": {"enabled": true, "dataSourceId": "%s",
         "triggers": ["created"]}}"""
            .formatted(world.dataSourceId));
    List<Double> idle = handoffs(tickets, "idle");
    String source = notion.seedPage(world.workspaceId, world.kbPageId, "Imported help center");
    for (int i = 0; i < pages; i++) {
      String p = notion.seedPage(world.workspaceId, source, "Imported page " + i);
      ObjectNode para = JSON.createObjectNode().put("type", "paragraph");
      para.putObject("paragraph")
          .putArray("rich_text")
          .addObject()
          .putObject("text")
          .put("content", "Body of page " + i);
      notion.seedBlocks(p, List.of(para));
    }
    JsonNode before = notion.stats();
    long t0 = System.nanoTime();
    settings(
        """
        {"kbSync": {"importEnabled": true, "importSources": ["%s"]}}"""
            .formatted(source));
    waitFor(Duration.ofSeconds(20), () -> imported() > 5);
    List<Double> busy = handoffs(tickets, "during import");
    waitFor(Duration.ofMinutes(30), () -> imported() >= pages + 1);
    double seconds = ms(t0) / 1000;
    JsonNode after = notion.stats();
    long requests = after.path("requests").asLong() - before.path("requests").asLong();
    long limited = after.path("rateLimited").asLong() - before.path("rateLimited").asLong();
    System.out.printf(
        Locale.ROOT,
        "import of %d pages at 3 req/s: %.1f s, %.2f pages/s, %d Notion requests (%.2f req/s,"
            + " budget use %.0f %%), %d answered 429%n",
        pages + 1,
        seconds,
        (pages + 1) / seconds,
        requests,
        requests / seconds,
        100 * requests / seconds / 3.0,
        limited);
    System.out.printf(
        Locale.ROOT,
        "hand-off latency p95: idle %.0f ms, during the import %.0f ms (ratio %.2f)%n",
        percentile(idle, 95),
        percentile(busy, 95),
        percentile(busy, 95) / percentile(idle, 95));
  }

  List<Double> handoffs(int n, String label) throws Exception {
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String ticketId = "T-" + UUID.randomUUID().toString().substring(0, 8);
      String subject = "Load " + label + " " + ticketId;
      String json = TicketEvents.ticketJson(ticketId, subject, "high", "open");
      fynedesk.addTicket(org, JSON.readValue(json, Ticket.class));
      long t0 = System.nanoTime();
      byte[] body =
          TicketEvents.envelope("evt_" + UUID.randomUUID(), "ticket.created", org, json, null)
              .getBytes(StandardCharsets.UTF_8);
      Http.Answer a =
          connector.http.send(
              "POST",
              "/api/v1/events",
              body,
              Map.of(
                  "Content-Type",
                  "application/json",
                  "X-FyneDesk-Signature",
                  Hmac.sign(ChildConnector.SECRETS.get("FYNEDESK_EVENTS_SECRET"), body)));
      if (a.status() != 202) {
        throw new IllegalStateException("event refused: " + a.status() + " " + a.body());
      }
      waitFor(Duration.ofMinutes(2), () -> !fynedesk.links(org, ticketId).isEmpty());
      latencies.add(ms(t0));
    }
    return latencies;
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** 500 blocks: headings every 10th, paragraphs, bullet lists; edited paragraphs as given. */
  static String body(String[] edited) {
    StringBuilder html = new StringBuilder();
    int paragraph = 0;
    for (int i = 0; i < 500; i++) {
      if (i % 10 == 0) {
        html.append("<h2>Section ").append(i / 10).append("</h2>");
      } else if (i % 10 == 9) {
        html.append("<ul><li>Point ").append(i).append("</li></ul>");
      } else {
        html.append("<p>")
            .append(
                edited[paragraph] != null
                    ? edited[paragraph]
                    : "Paragraph " + paragraph + " of the guide.")
            .append("</p>");
        paragraph++;
      }
    }
    return html.toString();
  }

  static Article article(String id, String title, String html) {
    return new Article(id, title, html, "en", "https://acme.fynedesk.io/help/" + id, null, null);
  }

  boolean articleSynced(String id) {
    return fynedesk.articleJson(org, id).map(a -> a.path("sync").has("notionPageId")).orElse(false);
  }

  /** The sync PATCH follows the page writes: once it is in, the edit's requests are all counted. */
  long syncWrites(String id) {
    return fynedesk.calls().stream()
        .filter(c -> c.method().equals("PATCH") && c.path().endsWith("/" + id))
        .count();
  }

  boolean pageContains(String page, String text) {
    return notion.outline(page).toString().contains(text);
  }

  long imported() {
    return fynedesk.articles(org).stream()
        .filter(a -> a.sync() != null && "notion".equals(a.sync().owner()))
        .count();
  }

  List<RecordedCall> calls(int mark) {
    List<RecordedCall> all = notion.calls();
    return all.subList(mark, all.size()).stream()
        .filter(c -> world.token.equals(c.token()))
        .toList();
  }

  void settings(String json) {
    check(connector.http.json("PATCH", "/api/v1/connections/notion/settings", jwt, json));
  }

  static void check(Http.Answer a) {
    if (a.status() != 200) {
      throw new IllegalStateException(a.status() + " " + a.body());
    }
  }

  static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  static void waitFor(Duration max, BooleanSupplier condition) {
    await().atMost(max).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
  }

  static int arg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
