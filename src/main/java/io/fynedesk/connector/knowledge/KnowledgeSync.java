package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.notion.NotionAuth;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one sync of an integration: the pages it sees → Markdown → chunks → dataset records, pages
 * unchanged by content hash skipped, pages gone from Notion removed, expired records rewritten;
 * within the plan's page, time and record limits, with progress recorded on the run.
 */
@Component("knowledgeSync")
class KnowledgeSync {

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeSync.class);

  private final IntegrationRepository integrations;
  private final SyncRuns runs;
  private final PageStates states;
  private final NotionPageReader reader;
  private final DatasetWriter writer;
  private final KnowledgeCredentials credentials;
  private final KnowledgeProperties props;

  KnowledgeSync(
      IntegrationRepository integrations,
      SyncRuns runs,
      PageStates states,
      NotionPageReader reader,
      DatasetWriter writer,
      KnowledgeCredentials credentials,
      KnowledgeProperties props) {
    this.integrations = integrations;
    this.runs = runs;
    this.states = states;
    this.reader = reader;
    this.writer = writer;
    this.credentials = credentials;
    this.props = props;
  }

  /**
   * A schedule fired: records a queued run and puts its id in a header; false (nothing to run) when
   * the integration is gone or has no dataset.
   */
  public boolean queueScheduled(
      @Header(KnowledgeHeaders.INTEGRATION_ID) String integrationId, Exchange exchange) {
    Optional<Integration> i = integrations.findById(integrationId);
    if (i.isEmpty() || i.get().datasetId() == null) {
      return false;
    }
    String runId = "run_" + UUID.randomUUID().toString().replace("-", "");
    runs.queued(runId, integrationId, i.get().orgId(), "scheduled");
    exchange.getMessage().setHeader(KnowledgeHeaders.RUN_ID, runId);
    return true;
  }

  /** Runs a queued run (route {@code knowledge-sync-run}); the outcome is recorded on the run. */
  public void run(
      @Header(KnowledgeHeaders.RUN_ID) String runId,
      @Header(KnowledgeHeaders.INTEGRATION_ID) String integrationId) {
    SyncRuns.Progress p = new SyncRuns.Progress();
    if (!runs.holds(runId)) {
      return; // taken over by another replica while it waited here: that one runs it
    }
    Optional<Integration> found = integrations.findById(integrationId);
    if (found.isEmpty()) {
      runs.finished(runId, "cancelled", p, "the integration was deleted");
      return;
    }
    // A snapshot: changes made while the run goes take effect on the next one.
    Integration i = found.get();
    SyncRuns.Start start = runs.start(runId, i.id());
    if (start == SyncRuns.Start.BUSY) {
      runs.finished(runId, "skipped", p, "another sync of this integration is running");
      return;
    }
    if (start == SyncRuns.Start.NOT_HELD) {
      return;
    }
    String status;
    String error = null;
    try {
      status = sync(i, runId, p);
    } catch (RuntimeException e) {
      LOG.warn("Sync {} of integration {} failed: {}", runId, i.id(), e.getMessage());
      status = "failed";
      error = e.getMessage();
    } finally {
      if (i.datasetId() != null) {
        writer.publish(i.datasetId());
      }
    }
    if (!"failed".equals(status)) {
      integrations.synced(i.id(), IntegrationRepository.now());
    }
    runs.finished(runId, status, p, error != null ? error : limitNote(status));
  }

  private String sync(Integration i, String runId, SyncRuns.Progress p) {
    if (i.datasetId() == null) {
      throw new IllegalStateException("the integration has no dataset");
    }
    NotionAuth auth =
        credentials
            .of(i)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        i.tokenEnc() != null
                            ? "the integration's Notion token cannot be decrypted (was"
                                + " connector.security.encryption-key changed?): set it again"
                                + " with update"
                            : "the integration has no Notion token"));
    writer.ensureIndex(i.datasetId());
    OffsetDateTime deadline = IntegrationRepository.now().plus(props.maxRunTime());
    List<JsonNode> pages =
        SourceScope.select(
            reader.sharedPages(auth, props.maxPagesPerSync()), credentials.sources(i));
    boolean complete = pages.size() <= props.maxPagesPerSync();
    Map<String, PageStates.PageState> known = new LinkedHashMap<>(states.of(i.id(), i.datasetId()));
    for (JsonNode page : pages.subList(0, Math.min(pages.size(), props.maxPagesPerSync()))) {
      if (IntegrationRepository.now().isAfter(deadline)) {
        return "limited";
      }
      p.seen++;
      PageStates.PageState state = known.remove(page.path("id").asText());
      if (!syncPage(i, auth, page, state, p)) {
        return "limited";
      }
      if (p.seen % 10 == 0) {
        runs.progress(runId, p);
      }
    }
    if (!complete) {
      return "limited";
    }
    for (String gone : known.keySet()) {
      writer.removePage(i.datasetId(), gone);
      states.remove(i.id(), i.datasetId(), gone);
      p.removed++;
    }
    return "succeeded";
  }

  /** Syncs one page; false when the dataset's record limit stops the run. */
  boolean syncPage(
      Integration i,
      NotionAuth auth,
      JsonNode page,
      PageStates.PageState state,
      SyncRuns.Progress p) {
    String id = page.path("id").asText();
    OffsetDateTime now = IntegrationRepository.now();
    String edited = page.path("last_edited_time").asText(null);
    if (state != null && unchangedSince(state, edited, now)) {
      return true;
    }
    NotionPageReader.PageText text = reader.read(auth, page);
    String hash = ContentHash.of(text);
    boolean expired = state != null && state.expiresAt() != null && !state.expiresAt().isAfter(now);
    if (state != null && hash.equals(state.contentHash()) && !expired) {
      states.put(
          i.id(),
          i.datasetId(),
          new PageStates.PageState(id, hash, edited, now, state.expiresAt()));
      return true;
    }
    List<KnowledgeRecord> recs = writer.toRecords(i.datasetId(), i.id(), text, i.expiresIn());
    long existing = state == null ? 0 : writer.pageCount(i.datasetId(), id);
    if (writer.count(i.datasetId()) - existing + recs.size() > props.datasetRecordLimit()) {
      return false;
    }
    writer.replacePage(i.orgId(), i.datasetId(), id, recs);
    OffsetDateTime expires = recs.isEmpty() ? null : recs.get(0).expiresAt();
    states.put(i.id(), i.datasetId(), new PageStates.PageState(id, hash, edited, now, expires));
    p.changed++;
    p.written += recs.size();
    return true;
  }

  /**
   * Notion rounds {@code last_edited_time} down to the minute: a page is known unchanged (no block
   * read) only when its time is the one stored and the last sync ran after that minute was over.
   */
  private static boolean unchangedSince(PageStates.PageState s, String edited, OffsetDateTime now) {
    if (edited == null || !edited.equals(s.lastEdited())) {
      return false;
    }
    if (s.expiresAt() != null && !s.expiresAt().isAfter(now)) {
      return false;
    }
    try {
      OffsetDateTime minuteOver = OffsetDateTime.parse(edited).plus(Duration.ofMinutes(1));
      return !s.syncedAt().isBefore(minuteOver);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String limitNote(String status) {
    return "limited".equals(status)
        ? "stopped at a plan limit (pages per sync, run time or dataset records)"
        : null;
  }
}
