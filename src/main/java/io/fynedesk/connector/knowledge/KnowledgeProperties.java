package io.fynedesk.connector.knowledge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Plan limits and tuning of the AI knowledge source ({@code connector.knowledge.*}).
 *
 * @param manualSyncInterval a manual sync of one integration is accepted at most once per this
 * @param maxPagesPerSync pages one sync reads at most (the plan's page limit)
 * @param maxRunTime a sync stops reading pages after this long (the plan's run time)
 * @param datasetRecordLimit records a dataset may hold; a sync of a full dataset is refused
 * @param chunkSize target characters per record (chunks break at headings and paragraphs)
 * @param indexDir directory of the Lucene indexes (a cache: rebuilt from the records table)
 * @param reconcileInterval how often the aiSource toggle is reconciled with its integration
 * @param workers sync runs executed at once per replica
 * @param runHeartbeat how often a replica renews the sync runs it holds (queued or running)
 * @param runClaimTimeout a run not renewed for this long is taken over by another replica
 */
@ConfigurationProperties(prefix = "connector.knowledge")
public record KnowledgeProperties(
    @DefaultValue("15m") Duration manualSyncInterval,
    @DefaultValue("1000") int maxPagesPerSync,
    @DefaultValue("30m") Duration maxRunTime,
    @DefaultValue("100000") int datasetRecordLimit,
    @DefaultValue("1000") int chunkSize,
    @DefaultValue("./data/knowledge-index") String indexDir,
    @DefaultValue("10s") Duration reconcileInterval,
    @DefaultValue("2") int workers,
    @DefaultValue("5s") Duration runHeartbeat,
    @DefaultValue("30s") Duration runClaimTimeout) {

  public KnowledgeProperties {
    if (maxPagesPerSync < 1 || datasetRecordLimit < 1 || chunkSize < 100 || workers < 1) {
      throw new IllegalStateException(
          "connector.knowledge: max-pages-per-sync, dataset-record-limit and workers must be"
              + " positive, chunk-size at least 100");
    }
    if (runHeartbeat.isNegative()
        || runHeartbeat.isZero()
        || runClaimTimeout.compareTo(runHeartbeat.multipliedBy(3)) < 0) {
      throw new IllegalStateException(
          "connector.knowledge: run-heartbeat must be positive and run-claim-timeout at least"
              + " three heartbeats, else a live replica's runs are taken over");
    }
  }
}
