package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionAuth;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The AI source's side of Notion page and data source events (webhook router and backstop): a
 * selected page's records are refreshed from Notion's current state at once; a page gone from
 * Notion loses its records; an event of a selected data source queues a sync of the integration.
 */
@Component("knowledgeHooks")
class KnowledgeHooks {

  private final AiSourceReconciler aiSource;
  private final IntegrationRepository integrations;
  private final KnowledgeCredentials credentials;
  private final NotionPageReader reader;
  private final KnowledgeSync sync;
  private final PageStates states;
  private final DatasetWriter writer;

  KnowledgeHooks(
      AiSourceReconciler aiSource,
      IntegrationRepository integrations,
      KnowledgeCredentials credentials,
      NotionPageReader reader,
      KnowledgeSync sync,
      PageStates states,
      DatasetWriter writer) {
    this.aiSource = aiSource;
    this.integrations = integrations;
    this.credentials = credentials;
    this.reader = reader;
    this.sync = sync;
    this.states = states;
    this.writer = writer;
  }

  /** A page event: refresh (or remove) the page's records when it belongs to the AI source. */
  public void page(
      @Header(KnowledgeHeaders.WEBHOOK_ORG) String org,
      @Header(KnowledgeHeaders.WEBHOOK_ENTITY) String pageId) {
    Integration i = active(org);
    if (i == null) {
      return;
    }
    NotionAuth auth = credentials.of(i).orElse(null);
    if (auth == null) {
      return;
    }
    PageStates.PageState state = states.of(i.id(), i.datasetId()).get(pageId);
    JsonNode page;
    try {
      page = reader.page(auth, pageId);
    } catch (NotionApiException e) {
      if (e.status() != 404) {
        throw e;
      }
      page = null;
    }
    boolean gone =
        page == null || page.path("in_trash").asBoolean(page.path("archived").asBoolean());
    if (gone || !inScope(auth, i, page)) {
      if (state != null) {
        writer.removePage(i.datasetId(), pageId);
        states.remove(i.id(), i.datasetId(), pageId);
        writer.publish(i.datasetId());
      }
      return;
    }
    writer.ensureIndex(i.datasetId());
    if (sync.syncPage(i, auth, page, state, new SyncRuns.Progress())) {
      writer.publish(i.datasetId());
    }
  }

  /** A data source event: a selected data source's rows may have changed, so sync it whole. */
  public void dataSource(
      @Header(KnowledgeHeaders.WEBHOOK_ORG) String org,
      @Header(KnowledgeHeaders.WEBHOOK_ENTITY) String dataSourceId) {
    Integration i = active(org);
    if (i != null
        && SourceScope.normalized(credentials.sources(i))
            .contains(SourceScope.normalize(dataSourceId))) {
      aiSource.queue(i, "webhook");
    }
  }

  private Integration active(String org) {
    aiSource.reconcile(org);
    if (!aiSource.enabled(org)) {
      return null;
    }
    return integrations.findManaged(org).filter(i -> i.datasetId() != null).orElse(null);
  }

  /** Whether the page is a source or lies below one (parents read from Notion, a few levels). */
  private boolean inScope(NotionAuth auth, Integration i, JsonNode page) {
    Set<String> sources = SourceScope.normalized(credentials.sources(i));
    if (sources.isEmpty()) {
      return true;
    }
    Map<String, JsonNode> known = new HashMap<>();
    JsonNode current = page;
    for (int depth = 0; depth < 5 && current != null; depth++) {
      known.put(SourceScope.normalize(current.path("id").asText()), current);
      String parent = current.path("parent").path("page_id").asText(null);
      if (parent == null || SourceScope.inScope(page, known, sources)) {
        break;
      }
      try {
        current = reader.page(auth, parent);
      } catch (NotionApiException e) {
        current = null;
      }
    }
    return SourceScope.inScope(page, known, sources);
  }
}
