package io.fynedesk.connector.knowledge;

import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the AI source's index (Lucene on the replica's disk). */
@Configuration
class KnowledgeConfig {

  @Bean(destroyMethod = "close")
  LuceneDatasetIndex datasetIndex(KnowledgeProperties props) {
    return new LuceneDatasetIndex(Path.of(props.indexDir()));
  }
}
