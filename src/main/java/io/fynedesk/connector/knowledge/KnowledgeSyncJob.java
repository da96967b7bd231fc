package io.fynedesk.connector.knowledge;

import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of an integration's schedule: hands the fire to the route {@code
 * knowledge-sync-scheduled}, which queues a run. Created by Spring's job factory (constructor
 * injection).
 */
@DisallowConcurrentExecution
public class KnowledgeSyncJob implements Job {

  static final String INTEGRATION = "integrationId";

  private final ProducerTemplate template;

  public KnowledgeSyncJob(ProducerTemplate template) {
    this.template = template;
  }

  @Override
  public void execute(JobExecutionContext context) {
    String id = context.getMergedJobDataMap().getString(INTEGRATION);
    template.sendBodyAndHeaders(
        "direct:knowledge-sync-scheduled", null, Map.of(KnowledgeHeaders.INTEGRATION_ID, id));
  }
}
