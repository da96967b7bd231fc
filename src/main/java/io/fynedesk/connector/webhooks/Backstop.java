package io.fynedesk.connector.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.ConnectionHealth;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionList;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * The backstop: per connected org, the pages of its linked data sources and the pages shared with
 * the connection (Notion search, newest first) edited since the last run minus two minutes (Notion
 * rounds {@code last_edited_time} down to the minute), deduplicated by page and a hash of its
 * properties and edit time against what was last seen, fed to the same routes as webhooks. A change
 * no webhook delivered is counted as caught (metric {@code connector.backstop.caught}).
 */
@Component("backstop")
public class Backstop {

  /** Notion rounds last_edited_time down to the minute; one more minute for clock skew. */
  static final Duration OVERLAP = Duration.ofMinutes(2);

  /** Exchange property: the id of the running fire in {@code backstop_run}. */
  public static final String RUN = "backstopRun";

  private final OrgConnections connections;
  private final ConnectionHealth health;
  private final NotionClient notion;
  private final BackstopState state;
  private final BackstopRuns runs;
  private final ObjectMapper mapper;
  private final Counter caught;

  Backstop(
      OrgConnections connections,
      ConnectionHealth health,
      NotionClient notion,
      BackstopState state,
      BackstopRuns runs,
      ObjectMapper mapper,
      MeterRegistry meters) {
    this.connections = connections;
    this.health = health;
    this.notion = notion;
    this.state = state;
    this.runs = runs;
    this.mapper = mapper;
    this.caught =
        Counter.builder("connector.backstop.caught")
            .description("Notion changes the backstop found that no webhook delivered")
            .register(meters);
  }

  /**
   * One page the backstop found changed, as the webhook routes take it.
   *
   * @param type the event type it stands for: {@code page.properties_updated} for a row of a linked
   *     data source, {@code page.content_updated} for another shared page
   * @param types every type it may stand for (the backstop cannot tell what changed)
   * @param caught whether no webhook about it arrived since its last edit
   */
  public record Change(String orgId, String pageId, String type, String types, boolean caught) {}

  /** Records the start of a fire (which instance runs it) and returns the orgs to look at. */
  public List<String> start(
      @Header("scheduledFireTime") Date scheduled,
      @Header("scheduler") Scheduler scheduler,
      Exchange exchange) {
    exchange.setProperty(RUN, runs.start(scheduled, instanceId(scheduler)));
    return connections.connectedOrgs();
  }

  /** Records the end of a fire. */
  public void finish(@ExchangeProperty(RUN) String run) {
    if (run != null) {
      runs.finish(run);
    }
  }

  /** Changed pages of one org since its cursor; moves the cursor and records what it saw. */
  public List<Change> scan(@Body String org, @ExchangeProperty(RUN) String run) {
    Optional<OrgConnection> c = connections.connected(org);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (c.isEmpty() || !c.get().settings().enabled()) {
      return List.of();
    }
    OffsetDateTime since = state.cursor(org).orElse(now.minus(Duration.ofDays(1))).minus(OVERLAP);
    NotionAuth auth = c.get().auth();
    List<Change> changes = new ArrayList<>();
    Set<String> fed = new LinkedHashSet<>();
    for (String dataSource : c.get().settings().watchedDataSources()) {
      ObjectNode filter = mapper.createObjectNode().put("timestamp", "last_edited_time");
      filter.putObject("last_edited_time").put("on_or_after", since.toInstant().toString());
      for (JsonNode page : notion.queryDataSourceAll(auth, dataSource, filter, null)) {
        consider(org, page, "page.properties_updated", now, fed).ifPresent(changes::add);
      }
    }
    for (JsonNode page : sharedPagesEditedSince(auth, since)) {
      consider(org, page, "page.content_updated", now, fed).ifPresent(changes::add);
    }
    long missed = changes.stream().filter(Change::caught).count();
    caught.increment(missed);
    state.saveCursor(org, now, missed);
    runs.add(run, changes.size(), missed);
    health.synced(org);
    return changes;
  }

  /** How many changes the backstop caught for an org that no webhook delivered, in all. */
  public long caughtTotal(String org) {
    return state.caughtTotal(org);
  }

  private Optional<Change> consider(
      String org, JsonNode page, String type, OffsetDateTime now, Set<String> fed) {
    String pageId = page.path("id").asText();
    if (!fed.add(pageId)) {
      return Optional.empty();
    }
    BackstopState.Sighting seen = state.see(org, pageId, hash(page), now);
    if (!seen.changed()) {
      return Optional.empty();
    }
    // Caught when no webhook about the page arrived since the backstop last saw it (for a page it
    // never saw: since the minute of its last edit).
    boolean missed =
        !state.webhookSince(
            pageId,
            seen.previouslySeenAt() != null
                ? seen.previouslySeenAt()
                : BackstopState.editedMinute(page.path("last_edited_time").asText(null)));
    return Optional.of(
        new Change(org, pageId, type, "page.properties_updated,page.content_updated", missed));
  }

  /**
   * Pages shared with the connection edited since {@code since}: Notion search sorted by {@code
   * last_edited_time} descending, paged until a result is older (notion-api.md §7; search is not
   * exhaustive, which is why linked data sources are queried as well).
   */
  private List<JsonNode> sharedPagesEditedSince(NotionAuth auth, OffsetDateTime since) {
    List<JsonNode> pages = new ArrayList<>();
    String cursor = null;
    while (true) {
      NotionList list = notion.search(auth, null, "page", cursor, null);
      for (JsonNode page : list.results()) {
        String edited = page.path("last_edited_time").asText(null);
        if (edited != null && OffsetDateTime.parse(edited).isBefore(since)) {
          return pages;
        }
        pages.add(page);
      }
      if (!list.hasMore() || list.nextCursor() == null) {
        return pages;
      }
      cursor = list.nextCursor();
    }
  }

  private static String instanceId(Scheduler scheduler) {
    try {
      return scheduler == null ? null : scheduler.getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return null;
    }
  }

  /** Properties, edit time and trash state: what tells one seen version of a page from another. */
  private static String hash(JsonNode page) {
    String seen =
        page.path("properties").toString()
            + "|"
            + page.path("last_edited_time").asText("")
            + "|"
            + page.path("in_trash").asBoolean(page.path("archived").asBoolean(false));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(seen.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
