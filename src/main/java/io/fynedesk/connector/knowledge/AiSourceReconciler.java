package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the integration the {@code aiSource} toggle manages in line with the org's settings:
 * enabling creates (or updates) exactly one integration with its own dataset, the org's connection
 * as token and {@code aiSource.sources} in {@code meta.sources}, and queues a sync; disabling
 * pauses its schedule. Runs for an org before its integrations are read and on a timer for every
 * org.
 */
@Component("aiSourceReconciler")
class AiSourceReconciler {

  static final String MANAGED_BY = "aiSource";
  static final String SCHEDULE = "@hourly";

  private final OrgConnections connections;
  private final IntegrationRepository integrations;
  private final DatasetRepository datasets;
  private final SyncRuns runs;
  private final KnowledgeScheduler scheduler;
  private final ProducerTemplate template;
  private final ObjectMapper mapper;
  private final TransactionTemplate tx;

  AiSourceReconciler(
      OrgConnections connections,
      IntegrationRepository integrations,
      DatasetRepository datasets,
      SyncRuns runs,
      KnowledgeScheduler scheduler,
      ProducerTemplate template,
      ObjectMapper mapper,
      PlatformTransactionManager transactions) {
    this.connections = connections;
    this.integrations = integrations;
    this.datasets = datasets;
    this.runs = runs;
    this.scheduler = scheduler;
    this.template = template;
    this.mapper = mapper;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Orgs to reconcile on the timer: every connected org. */
  public List<String> orgs() {
    return connections.connectedOrgs();
  }

  /** Whether the org's AI source is on (master toggle and {@code aiSource.enabled}). */
  boolean enabled(String org) {
    OrgConnection c = connections.of(org);
    return c.connected()
        && c.settings().enabled()
        && c.settings().section(AiSourceSettings.class).enabled();
  }

  /** Brings the org's managed integration in line with its settings. */
  public void reconcile(String org) {
    OrgConnection c = connections.of(org);
    AiSourceSettings s = c.settings().section(AiSourceSettings.class);
    boolean on = c.connected() && c.settings().enabled() && s.enabled();
    Integration managed = integrations.findManaged(org).orElse(null);
    if (managed == null) {
      if (on) {
        create(org, s);
      }
      return;
    }
    ArrayNode sources = sources(s);
    boolean changed = !sources.equals(managed.meta().path("sources"));
    if (changed) {
      ObjectNode meta = managed.meta().deepCopy();
      meta.set("sources", sources);
      managed = copyWithMeta(managed, meta);
      integrations.update(managed);
    }
    boolean paused = "PAUSED".equals(scheduler.state(managed.id()));
    if (on == paused || "NONE".equals(scheduler.state(managed.id()))) {
      scheduler.apply(managed, !on);
    }
    if (on && (changed || paused)) {
      queue(managed, "enable");
    }
  }

  private void create(String org, AiSourceSettings s) {
    String datasetId = "dataset_" + UUID.randomUUID().toString().replace("-", "");
    String id = "notion_" + UUID.randomUUID().toString().replace("-", "");
    OffsetDateTime now = IntegrationRepository.now();
    ObjectNode meta = mapper.createObjectNode().put("managedBy", MANAGED_BY);
    meta.set("sources", sources(s));
    Integration i =
        new Integration(
            id,
            org,
            "Notion (AI source)",
            "The org's Notion connection, selected pages",
            datasetId,
            null,
            SCHEDULE,
            null,
            null,
            meta,
            true,
            now,
            now,
            null);
    try {
      tx.executeWithoutResult(
          status -> {
            datasets.insert(datasetId, org, "AI source");
            integrations.insert(i);
          });
    } catch (DuplicateKeyException e) {
      return; // another replica (or request) created it first; its dataset is the one
    }
    queue(i, "enable"); // first: the first sync must not depend on the schedule being stored
    scheduler.apply(i, false);
  }

  /** Queues a run of the integration (not a manual sync: no 15-minute window). */
  void queue(Integration i, String kind) {
    if (i.datasetId() == null) {
      return;
    }
    String runId = "run_" + UUID.randomUUID().toString().replace("-", "");
    runs.queued(runId, i.id(), i.orgId(), kind);
    template.sendBodyAndHeaders(
        "direct:knowledge-sync-queue",
        null,
        Map.of(KnowledgeHeaders.RUN_ID, runId, KnowledgeHeaders.INTEGRATION_ID, i.id()));
  }

  private ArrayNode sources(AiSourceSettings s) {
    ArrayNode a = mapper.createArrayNode();
    s.sources().forEach(a::add);
    return a;
  }

  private static Integration copyWithMeta(Integration i, ObjectNode meta) {
    return new Integration(
        i.id(),
        i.orgId(),
        i.name(),
        i.description(),
        i.datasetId(),
        i.tokenEnc(),
        i.syncSchedule(),
        i.expiresIn(),
        i.blueprintId(),
        meta,
        i.managed(),
        i.createdAt(),
        IntegrationRepository.now(),
        i.lastSyncedAt());
  }
}
