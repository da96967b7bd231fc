package io.fynedesk.connector.notion;

import static io.fynedesk.connector.simulator.notion.NotionSimAssert.assertThatNotion;
import static io.fynedesk.connector.simulator.notion.SimFixtures.DATABASE;
import static io.fynedesk.connector.simulator.notion.SimFixtures.DATA_SOURCE;
import static io.fynedesk.connector.simulator.notion.SimFixtures.TOKEN;
import static io.fynedesk.connector.simulator.notion.SimFixtures.block;
import static io.fynedesk.connector.simulator.notion.SimFixtures.paragraph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.simulator.notion.SimFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotionClientTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final NotionAuth auth = new NotionAuth("org-1", TOKEN);
  private final List<String> unauthorized = new CopyOnWriteArrayList<>();
  private NotionSimulator sim;
  private SimFixtures fx;
  private NotionClient client;

  @BeforeEach
  void start() {
    sim = NotionSimulator.start();
    sim.rateLimitOff();
    fx = new SimFixtures(sim);
    client = client(50);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private NotionClient client(double requestsPerSecond) {
    NotionProperties properties =
        new NotionProperties(
            new NotionProperties.Api(sim.baseUrl(), "2025-09-03"),
            new NotionProperties.RateLimit(requestsPerSecond),
            null,
            null);
    NotionConnectionListener listener = (key, message) -> unauthorized.add(key);
    return new NotionClient(
        properties,
        MAPPER,
        List.of(listener),
        NotionClientSettings.defaults().withDelays(Duration.ofMillis(10), Duration.ofSeconds(5)));
  }

  @Test
  void listAllBlockChildrenReadsTwoHundredFiftyChildrenWithThreeRequests() {
    List<ObjectNode> blocks = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      blocks.add(paragraph("p" + i));
    }
    sim.seedBlocks(fx.pageId, blocks);

    List<JsonNode> children = client.listAllBlockChildren(auth, fx.pageId);

    assertThat(children).hasSize(250);
    assertThat(children.get(249).at("/paragraph/rich_text/0/plain_text").asText())
        .isEqualTo("p249");
    assertThat(sim.calls("GET", "/v1/blocks/.*/children")).hasSize(3);
  }

  @Test
  void nestedTreeOfFourHundredFiftyBlocksIsAppendedWithinLimitsAndInOrder() throws Exception {
    List<ObjectNode> tree = tree450();
    assertThat(count(tree)).isEqualTo(450);

    List<JsonNode> created = client.appendBlockChildren(auth, fx.pageId, tree);

    assertThat(created).hasSize(tree.size());
    List<RecordedCall> appends = sim.calls("PATCH", "/v1/blocks/.*/children");
    assertThat(appends)
        .isNotEmpty()
        .allSatisfy(
            call -> {
              assertThat(call.status()).isEqualTo(200);
              JsonNode children = MAPPER.readTree(call.body()).path("children");
              assertThat(maxArray(children)).isLessThanOrEqualTo(100);
              assertThat(depth(children)).isLessThanOrEqualTo(2);
              assertThat(count(children)).isLessThanOrEqualTo(1000);
            });
    assertThat(sim.outline(fx.pageId)).isEqualTo(outline(tree));
  }

  @Test
  void fiveThousandCharacterParagraphWithEmojiOnTheBoundariesIsSplitLosslessly() {
    StringBuilder text =
        new StringBuilder("a".repeat(1999)).append("😀").append("b".repeat(1998)).append("😀");
    text.append("c".repeat(5000 - text.length()));

    client.appendBlockChildren(auth, fx.pageId, List.of(paragraph(text.toString())));

    assertThat(text).hasSize(5000);
    assertThat(sim.outline(fx.pageId).get(0).path("text").asText()).isEqualTo(text.toString());
    assertThat(sim.calls("PATCH", "/v1/blocks/.*/children"))
        .hasSize(1)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
  }

  @Test
  void createPageSendsWhatFitsInlineAndAppendsTheRest() {
    List<ObjectNode> children = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      children.add(
          i == 3 ? paragraph("deep", paragraph("d1", paragraph("d2"))) : paragraph("p" + i));
    }
    ObjectNode parent = MAPPER.createObjectNode().put("data_source_id", DATA_SOURCE);
    ObjectNode properties = MAPPER.createObjectNode();
    properties
        .putObject("Name")
        .putArray("title")
        .addObject()
        .putObject("text")
        .put("content", "Ticket 42");
    properties.putObject("Status").putObject("status").put("name", "Doing");

    JsonNode page = client.urgent().createPage(auth, parent, properties, children);

    String id = page.path("id").asText();
    assertThatNotion(sim).page(id).hasProperty("Name", "Ticket 42").hasProperty("Status", "Doing");
    assertThat(sim.outline(id)).isEqualTo(outline(children));
  }

  @Test
  void resolveDataSourceIdAcceptsADatabaseId() {
    assertThat(client.resolveDataSourceId(auth, DATABASE)).isEqualTo(DATA_SOURCE);
    assertThat(client.resolveDataSourceId(auth, DATA_SOURCE)).isEqualTo(DATA_SOURCE);
  }

  @Test
  void queryDataSourceAllFollowsCursors() {
    for (int i = 0; i < 230; i++) {
      sim.seedRow(DATA_SOURCE, Map.of("Name", "Row " + i, "Urgent", i % 2 == 0));
    }
    ObjectNode filter = MAPPER.createObjectNode().put("property", "Urgent");
    filter.putObject("checkbox").put("equals", true);

    List<JsonNode> rows = client.queryDataSourceAll(auth, DATA_SOURCE, filter, null);

    assertThat(rows).hasSize(115);
    assertThat(sim.calls("POST", "/v1/data_sources/.*/query")).hasSize(2);
  }

  @Test
  void everyRequestCarriesBearerTokenVersionAndJsonContentType() {
    client.me(auth);

    RecordedCall call = sim.calls().get(0);
    assertThat(call.token()).isEqualTo(TOKEN);
    assertThat(call.notionVersion()).isEqualTo("2025-09-03");
    assertThat(call.contentType()).isEqualTo("application/json");
  }

  @Test
  void afterRetryAfterNoRequestOfThatConnectionIsSentUntilItPasses() throws Exception {
    sim.inject(Fault.rateLimited(2).on("GET", "/v1/users/me"));
    Thread first = new Thread(() -> client.me(auth));
    first.start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sim.calls().stream().anyMatch(c -> c.status() == 429));

    JsonNode page = client.retrievePage(auth, fx.pageId);
    first.join(10_000);

    RecordedCall limited =
        sim.calls().stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
    List<RecordedCall> later =
        sim.calls().stream().filter(c -> c.at().isAfter(limited.at())).toList();
    assertThat(page.path("id").asText()).isEqualTo(fx.pageId);
    assertThat(later)
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(Duration.between(limited.at(), c.at()))
                  .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
              assertThat(c.status()).isEqualTo(200);
            });
    assertThat(client.stats("org-1").rateLimited()).isEqualTo(1);
  }

  @Test
  void revokedTokenThrowsUnauthorizedAndTellsTheListener() {
    sim.revokeToken(TOKEN);

    assertThatThrownBy(() -> client.me(auth))
        .isInstanceOf(NotionUnauthorizedException.class)
        .extracting(e -> ((NotionApiException) e).code())
        .isEqualTo("unauthorized");
    assertThat(unauthorized).containsExactly("org-1");
    assertThat(sim.calls()).hasSize(1);
  }

  @Test
  void serviceUnavailableOnGetIsRetriedUntilItSucceeds() {
    sim.inject(Fault.status(503, "service_unavailable").on("GET", "/v1/pages/.*").times(2));

    JsonNode page = client.retrievePage(auth, fx.pageId);

    assertThat(page.path("id").asText()).isEqualTo(fx.pageId);
    assertThat(sim.calls("GET", "/v1/pages/.*"))
        .extracting(RecordedCall::status)
        .containsExactly(503, 503, 200);
  }

  @Test
  void serviceUnavailableOnGetGivesUpAfterThreeTries() {
    sim.inject(Fault.status(503, "service_unavailable").on("GET", "/v1/pages/.*").times(5));

    assertThatThrownBy(() -> client.retrievePage(auth, fx.pageId))
        .isInstanceOfSatisfying(NotionApiException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(sim.calls("GET", "/v1/pages/.*")).hasSize(3);
  }

  @Test
  void serviceUnavailableOnPostIsNotRetriedButReportedRetryable() {
    sim.inject(Fault.status(503, "service_unavailable").on("POST", "/v1/pages"));

    assertThatThrownBy(() -> client.createPage(auth, dataSourceParent(), title("T"), List.of()))
        .isInstanceOfSatisfying(
            NotionApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("service_unavailable");
              assertThat(e.retryable()).isTrue();
              assertThat(e.requestId()).isNotBlank();
            });
    assertThat(sim.calls("POST", "/v1/pages")).hasSize(1);
  }

  @Test
  void failureAfterNotionCreatedThePageIsRetryableAndThePageExists() {
    sim.inject(Fault.status(500, "internal_server_error").on("POST", "/v1/pages").afterHandling());

    assertThatThrownBy(() -> client.createPage(auth, dataSourceParent(), title("T"), List.of()))
        .isInstanceOfSatisfying(NotionApiException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(sim.rows(DATA_SOURCE)).hasSize(1);
  }

  @Test
  void connectionDroppedAfterNotionCreatedThePageIsANetworkErrorAndNotResent() {
    sim.inject(Fault.dropConnection().on("POST", "/v1/pages").afterHandling());

    assertThatThrownBy(() -> client.createPage(auth, dataSourceParent(), title("T"), List.of()))
        .isInstanceOfSatisfying(
            NotionApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NotionApiException.NETWORK_ERROR);
              assertThat(e.retryable()).isTrue();
            });
    assertThat(sim.calls("POST", "/v1/pages")).hasSize(1);
    assertThat(sim.rows(DATA_SOURCE)).hasSize(1);
  }

  @Test
  void validationErrorIsNotRetried() {
    ObjectNode properties = title("T");
    properties.putObject("Colour").putArray("rich_text");

    assertThatThrownBy(() -> client.createPage(auth, dataSourceParent(), properties, List.of()))
        .isInstanceOfSatisfying(
            NotionApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("validation_error");
              assertThat(e.retryable()).isFalse();
              assertThat(e.notionMessage()).contains("Colour");
            });
    assertThat(sim.calls()).hasSize(1);
  }

  @Test
  void nonJsonBadGatewayIsAnUnknownHttpResponseThatGetsRetried() {
    sim.inject(Fault.nonJson502().on("GET", "/v1/users/me"));
    sim.inject(Fault.nonJson502().on("POST", "/v1/search"));

    JsonNode me = client.me(auth);

    assertThat(me.path("id").asText()).isEqualTo(SimFixtures.BOT);
    assertThatThrownBy(() -> client.search(auth, "x", null, null, null))
        .isInstanceOfSatisfying(
            NotionApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.code()).isEqualTo(NotionApiException.UNKNOWN_HTTP_RESPONSE);
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void droppedConnectionOnGetIsRetried() {
    sim.inject(Fault.dropConnection().on("GET", "/v1/pages/.*"));

    assertThat(client.retrievePage(auth, fx.pageId).path("id").asText()).isEqualTo(fx.pageId);
    assertThat(sim.calls("GET", "/v1/pages/.*")).hasSize(2);
  }

  @Test
  void rateBudgetKeepsToThreeRequestsPerSecondWithoutA429() throws Exception {
    NotionClient limited = client(3);
    limited.me(new NotionAuth("org-warm-up", TOKEN));
    sim.reset();
    sim.rateLimit(3, 4);
    int n = 15;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < n / 3; i++) {
                  limited.me(auth);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(30_000);
    }

    List<RecordedCall> calls = sim.calls();
    assertThat(calls).hasSize(n).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
    Duration span = Duration.between(calls.get(0).at(), calls.get(n - 1).at());
    assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis((n - 3) * 1000 / 3 - 100));
    assertThat(limited.stats("org-1").requestsSent()).isEqualTo(n);
  }

  @Test
  void trashPageMovesThePageToTrash() {
    String id = client.createPage(auth, dataSourceParent(), title("T"), null).path("id").asText();

    client.trashPage(auth, id);

    assertThatNotion(sim).page(id).isInTrash();
  }

  @Test
  void updateAndDeleteBlock() {
    String id =
        client
            .appendBlockChildren(auth, fx.pageId, List.of(paragraph("old")))
            .get(0)
            .path("id")
            .asText();
    ObjectNode patch = MAPPER.createObjectNode();
    patch
        .putObject("paragraph")
        .putArray("rich_text")
        .addObject()
        .putObject("text")
        .put("content", "new");

    client.updateBlock(auth, id, patch);
    assertThat(sim.outline(fx.pageId).get(0).path("text").asText()).isEqualTo("new");
    client.deleteBlock(auth, id);

    assertThat(sim.outline(fx.pageId)).isEmpty();
  }

  @Test
  void insertAfterPlacesEveryBatchInOrderAfterTheAnchor() {
    List<JsonNode> existing =
        client.appendBlockChildren(auth, fx.pageId, List.of(paragraph("first"), paragraph("last")));
    List<ObjectNode> inserted = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      inserted.add(paragraph("i" + i));
    }

    client.insertBlockChildrenAfter(auth, fx.pageId, existing.get(0).path("id").asText(), inserted);

    ArrayNode outline = sim.outline(fx.pageId);
    assertThat(outline).hasSize(152);
    assertThat(outline.get(0).path("text").asText()).isEqualTo("first");
    assertThat(outline.get(1).path("text").asText()).isEqualTo("i0");
    assertThat(outline.get(150).path("text").asText()).isEqualTo("i149");
    assertThat(outline.get(151).path("text").asText()).isEqualTo("last");
  }

  @Test
  void insertAfterUsesPositionFromVersion20260311() throws Exception {
    NotionProperties properties =
        new NotionProperties(
            new NotionProperties.Api(sim.baseUrl(), "2026-03-11"),
            new NotionProperties.RateLimit(50),
            null,
            null);
    NotionClient latest = new NotionClient(properties, MAPPER, List.of());
    String anchor =
        latest
            .appendBlockChildren(auth, fx.pageId, List.of(paragraph("a"), paragraph("c")))
            .get(0)
            .path("id")
            .asText();

    latest.insertBlockChildrenAfter(auth, fx.pageId, anchor, List.of(paragraph("b")));

    assertThat(sim.outline(fx.pageId).findValuesAsText("text")).containsExactly("a", "b", "c");
    RecordedCall insert = sim.calls("PATCH", "/v1/blocks/.*/children").get(1);
    assertThat(MAPPER.readTree(insert.body()).at("/position/after_block/id").asText())
        .isEqualTo(anchor);
  }

  private static ObjectNode dataSourceParent() {
    return MAPPER.createObjectNode().put("data_source_id", DATA_SOURCE);
  }

  private static ObjectNode title(String text) {
    ObjectNode properties = MAPPER.createObjectNode();
    properties
        .putObject("Name")
        .putArray("title")
        .addObject()
        .putObject("text")
        .put("content", text);
    return properties;
  }

  /** 450 blocks: flat paragraphs, bullets with leaf children, toggles nested 4 levels deep. */
  private static List<ObjectNode> tree450() {
    List<ObjectNode> tree = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      if (i % 10 == 0) {
        ObjectNode[] leaves = new ObjectNode[10];
        for (int j = 0; j < 10; j++) {
          leaves[j] = block("bulleted_list_item", "b" + i + "." + j);
        }
        tree.add(block("bulleted_list_item", "b" + i, leaves));
      } else if (i % 30 == 5) {
        ObjectNode[] level2 = new ObjectNode[3];
        for (int j = 0; j < 3; j++) {
          ObjectNode[] level3 = new ObjectNode[3];
          for (int k = 0; k < 3; k++) {
            level3[k] =
                block(
                    "toggle",
                    "t" + i + "." + j + "." + k,
                    paragraph("x" + i + j + k + "a"),
                    paragraph("x" + i + j + k + "b"));
          }
          level2[j] = block("toggle", "t" + i + "." + j, level3);
        }
        tree.add(block("toggle", "t" + i, level2));
      } else {
        tree.add(paragraph("p" + i));
      }
    }
    while (count(MAPPER.valueToTree(tree)) < 450) {
      tree.add(paragraph("tail" + tree.size()));
    }
    return tree;
  }

  private static int count(List<ObjectNode> blocks) {
    return count((JsonNode) MAPPER.valueToTree(blocks));
  }

  private static int count(JsonNode blocks) {
    int n = 0;
    for (JsonNode b : blocks) {
      n += 1 + count(b.path(b.path("type").asText()).path("children"));
    }
    return n;
  }

  private static int depth(JsonNode blocks) {
    int max = 0;
    for (JsonNode b : blocks) {
      max = Math.max(max, 1 + depth(b.path(b.path("type").asText()).path("children")));
    }
    return max;
  }

  private static int maxArray(JsonNode blocks) {
    int max = blocks.size();
    for (JsonNode b : blocks) {
      max = Math.max(max, maxArray(b.path(b.path("type").asText()).path("children")));
    }
    return max;
  }

  private static ArrayNode outline(List<? extends JsonNode> blocks) {
    ArrayNode out = MAPPER.createArrayNode();
    for (JsonNode b : blocks) {
      String type = b.path("type").asText();
      StringBuilder text = new StringBuilder();
      b.path(type)
          .path("rich_text")
          .forEach(i -> text.append(i.path("text").path("content").asText()));
      ObjectNode node = out.addObject().put("type", type).put("text", text.toString());
      List<JsonNode> children = new ArrayList<>();
      b.path(type).path("children").forEach(children::add);
      node.set("children", outline(children));
    }
    return out;
  }
}
