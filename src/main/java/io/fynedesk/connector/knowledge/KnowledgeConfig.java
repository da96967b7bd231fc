package io.fynedesk.connector.knowledge;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the AI source's index (Lucene on the replica's disk) and its start-up housekeeping. */
@Configuration
class KnowledgeConfig {

  @Bean(destroyMethod = "close")
  LuceneDatasetIndex datasetIndex(KnowledgeProperties props) {
    return new LuceneDatasetIndex(Path.of(props.indexDir()));
  }

  /** Runs a crashed replica left queued or running for longer than a run may take are closed. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> interruptStaleRuns(
      SyncRuns runs, KnowledgeProperties props) {
    return e -> runs.interruptStale(IntegrationRepository.now().minus(props.maxRunTime()));
  }
}
