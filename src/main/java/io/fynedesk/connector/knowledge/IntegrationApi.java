package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.security.AdminHeaders;
import io.fynedesk.connector.web.JsonBodies;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** The Notion-integration resource API of seed 001 (CONTRACT §5), scoped to the caller's org. */
@Component("integrationApi")
class IntegrationApi {

  static final long MAX_BODY = 64 * 1024;

  private final IntegrationRepository integrations;
  private final DatasetRepository datasets;
  private final SyncRuns runs;
  private final PageStates states;
  private final KnowledgeScheduler scheduler;
  private final KnowledgeCredentials credentials;
  private final AiSourceReconciler aiSource;
  private final DatasetWriter writer;
  private final KnowledgeProperties props;
  private final JsonBodies bodies;
  private final ObjectMapper mapper;

  IntegrationApi(
      IntegrationRepository integrations,
      DatasetRepository datasets,
      SyncRuns runs,
      PageStates states,
      KnowledgeScheduler scheduler,
      KnowledgeCredentials credentials,
      AiSourceReconciler aiSource,
      DatasetWriter writer,
      KnowledgeProperties props,
      JsonBodies bodies,
      ObjectMapper mapper) {
    this.integrations = integrations;
    this.datasets = datasets;
    this.runs = runs;
    this.states = states;
    this.scheduler = scheduler;
    this.credentials = credentials;
    this.aiSource = aiSource;
    this.writer = writer;
    this.props = props;
    this.bodies = bodies;
    this.mapper = mapper;
  }

  public Reply create(
      @Header(AdminHeaders.ORG) String org,
      @Body byte[] body,
      @Header(Exchange.CONTENT_TYPE) String contentType) {
    JsonNode b = bodies.object(body, contentType, MAX_BODY);
    IntegrationInput.validate(b);
    checkDataset(org, b);
    String id = "notion_" + UUID.randomUUID().toString().replace("-", "");
    OffsetDateTime now = IntegrationRepository.now();
    Integration blank =
        new Integration(
            id,
            org,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            mapper.createObjectNode(),
            false,
            now,
            now,
            null);
    Integration i =
        IntegrationInput.apply(blank, b, credentials.seal(id, IntegrationInput.token(b)));
    integrations.insert(i);
    scheduler.apply(i, false);
    return Reply.ok(Map.of("id", id));
  }

  public Reply list(@Header(AdminHeaders.ORG) String org) {
    aiSource.reconcile(org);
    return Reply.ok(Map.of("items", integrations.list(org).stream().map(this::view).toList()));
  }

  public Reply fetch(@Header(AdminHeaders.ORG) String org, @Header("id") String id) {
    aiSource.reconcile(org);
    return Reply.ok(view(find(org, id)));
  }

  public Reply update(
      @Header(AdminHeaders.ORG) String org,
      @Header("id") String id,
      @Body byte[] body,
      @Header(Exchange.CONTENT_TYPE) String contentType) {
    Integration current = find(org, id);
    JsonNode b = bodies.object(body, contentType, MAX_BODY);
    IntegrationInput.validate(b);
    if (current.managed() && b.has("meta")) {
      // Its meta (managedBy, sources) follows the connection's aiSource settings; an update here
      // would be answered 200 and then put back by the reconciler.
      throw ProblemException.of(
          409,
          "conflict",
          "The AI source's meta follows the connection settings: change aiSource.sources there.");
    }
    checkDataset(org, b);
    Integration next =
        IntegrationInput.apply(current, b, credentials.seal(id, IntegrationInput.token(b)));
    integrations.update(next);
    scheduler.apply(next, current.managed() && !aiSource.enabled(org));
    return Reply.ok(Map.of("id", id));
  }

  public Reply delete(@Header(AdminHeaders.ORG) String org, @Header("id") String id) {
    find(org, id);
    scheduler.cancel(id);
    states.removeIntegration(id);
    integrations.delete(org, id);
    return Reply.ok(Map.of("id", id));
  }

  /** Accepts a manual sync: the run id goes to a header for the route to queue it. */
  public Reply sync(
      @Header(AdminHeaders.ORG) String org,
      @Header("id") String id,
      @Body byte[] body,
      @Header(Exchange.CONTENT_TYPE) String contentType,
      Exchange exchange) {
    Integration i = find(org, id);
    if (body != null && !new String(body, StandardCharsets.UTF_8).isBlank()) {
      // The call takes no fields, but a body it is sent must still be a JSON object.
      bodies.object(body, contentType, MAX_BODY);
    }
    if (i.datasetId() == null || datasets.find(org, i.datasetId()).isEmpty()) {
      throw ProblemException.of(409, "conflict", "The integration has no dataset to sync into.");
    }
    if (i.tokenEnc() == null && credentials.of(i).isEmpty()) {
      // Refused before the 15-minute window is taken: the run could only fail. (A stored token
      // the vault cannot decrypt still runs, and its run says what to do.)
      throw ProblemException.of(
          409,
          "conflict",
          i.managed()
              ? "The AI source has no Notion token: connect Notion again."
              : "The integration has no Notion token: set one with update.");
    }
    if (writer.count(i.datasetId()) >= props.datasetRecordLimit()) {
      throw ProblemException.of(
          409,
          "conflict",
          "The dataset holds its record limit (" + props.datasetRecordLimit() + ").");
    }
    OffsetDateTime now = IntegrationRepository.now();
    if (!integrations.takeManualSlot(id, now, now.minus(props.manualSyncInterval()))) {
      throw rateLimited(id, now);
    }
    String runId = "run_" + UUID.randomUUID().toString().replace("-", "");
    runs.queued(runId, id, org, "manual");
    exchange.getMessage().setHeader(KnowledgeHeaders.RUN_ID, runId);
    exchange.getMessage().setHeader(KnowledgeHeaders.INTEGRATION_ID, id);
    return Reply.ok(Map.of("id", id));
  }

  public Reply syncRuns(@Header(AdminHeaders.ORG) String org, @Header("id") String id) {
    find(org, id);
    return Reply.ok(Map.of("items", runs.list(org, id)));
  }

  private ProblemException rateLimited(String id, OffsetDateTime now) {
    OffsetDateTime last = integrations.lastManualSync(id).orElse(now);
    long left =
        Math.max(1, Duration.between(now, last.plus(props.manualSyncInterval())).toSeconds() + 1);
    return new ProblemException(
        Problem.of(
            429,
            "rate_limited",
            "A manual sync of this integration runs at most once per "
                + props.manualSyncInterval().toMinutes()
                + " minutes."),
        (int) Math.min(left, props.manualSyncInterval().toSeconds()));
  }

  private void checkDataset(String org, JsonNode b) {
    JsonNode ds = b.get("datasetId");
    if (ds != null && ds.isTextual() && datasets.find(org, ds.asText()).isEmpty()) {
      throw ProblemException.validation("datasetId", "is not one of the organization's datasets");
    }
  }

  private Integration find(String org, String id) {
    return integrations
        .find(org, id)
        .orElseThrow(() -> ProblemException.notFound("No such integration."));
  }

  ObjectNode view(Integration i) {
    ObjectNode v = mapper.createObjectNode();
    v.put("id", i.id());
    v.put("name", i.name());
    v.put("description", i.description());
    v.put("datasetId", i.datasetId());
    // The AI source's integration uses the org's connection: a token only while it is connected.
    v.put(
        "token",
        i.tokenEnc() != null || i.managed() && credentials.of(i).isPresent() ? "********" : null);
    v.put("syncSchedule", i.syncSchedule());
    v.put("expiresIn", i.expiresIn());
    v.put("blueprintId", i.blueprintId());
    v.set("meta", i.meta());
    v.put("createdAt", SyncRuns.time(i.createdAt()));
    v.put("updatedAt", SyncRuns.time(i.updatedAt()));
    v.put("lastSyncedAt", SyncRuns.time(i.lastSyncedAt()));
    return v;
  }
}
