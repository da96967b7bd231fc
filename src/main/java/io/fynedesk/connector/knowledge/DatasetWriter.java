package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a page's chunks as dataset records (the source of truth) and into the dataset's index (the
 * cache), and keeps the index at the records' version: a missing or stale index is rebuilt from the
 * records table.
 */
@Component
class DatasetWriter {

  private final RecordRepository records;
  private final DatasetRepository datasets;
  private final DatasetIndex index;
  private final Chunker chunker;
  private final ObjectMapper mapper;
  private final TransactionTemplate tx;

  DatasetWriter(
      RecordRepository records,
      DatasetRepository datasets,
      DatasetIndex index,
      KnowledgeProperties props,
      ObjectMapper mapper,
      TransactionTemplate tx) {
    this.records = records;
    this.datasets = datasets;
    this.index = index;
    this.chunker = new Chunker(props.chunkSize());
    this.mapper = mapper;
    this.tx = tx;
  }

  /** The records a page becomes: its chunks with source, heading path and expiry. */
  List<KnowledgeRecord> toRecords(
      String datasetId, String integrationId, NotionPageReader.PageText page, Long expiresIn) {
    OffsetDateTime now = IntegrationRepository.now();
    OffsetDateTime expires =
        expiresIn == null || expiresIn <= 0 ? null : now.plus(Duration.ofMillis(expiresIn));
    List<KnowledgeRecord> out = new ArrayList<>();
    List<Chunker.Chunk> chunks = chunker.chunks(page.markdown());
    if (chunks.isEmpty() && page.title() != null && !page.title().isBlank()) {
      chunks = List.of(new Chunker.Chunk(List.of(), page.title()));
    }
    for (int i = 0; i < chunks.size(); i++) {
      Chunker.Chunk c = chunks.get(i);
      ObjectNode meta = mapper.createObjectNode();
      meta.put("integrationId", integrationId)
          .put("chunk", i)
          .put("lastEditedTime", page.lastEdited());
      c.headings().forEach(meta.putArray("headings")::add);
      if (c.headings().isEmpty()) {
        meta.putArray("headings");
      }
      out.add(
          new KnowledgeRecord(
              "rec_" + UUID.randomUUID().toString().replace("-", ""),
              datasetId,
              integrationId,
              page.id(),
              i,
              c.text(),
              page.title(),
              page.url(),
              c.headings(),
              meta,
              expires,
              now,
              now));
    }
    return out;
  }

  /** Replaces a page's records (and index documents) by {@code recs}. */
  void replacePage(String orgId, String datasetId, String pageId, List<KnowledgeRecord> recs) {
    // Writers of one dataset (a run, a webhook's page refresh, another replica) queue on its row:
    // two unlocked delete-then-insert of one page would leave both record sets (on PostgreSQL the
    // second DELETE does not see the first's new rows), and the index would follow either order.
    tx.executeWithoutResult(
        s -> {
          datasets.lock(datasetId);
          records.replacePage(orgId, datasetId, pageId, recs);
          index.replacePage(datasetId, pageId, recs.stream().map(DatasetWriter::doc).toList());
        });
  }

  /** Removes a page's records; returns how many there were. */
  int removePage(String datasetId, String pageId) {
    int n = records.deletePage(datasetId, pageId);
    index.replacePage(datasetId, pageId, List.of());
    return n;
  }

  /**
   * Marks the dataset changed and makes the index searchable at the new version; an index that was
   * not at the records' version first is rebuilt, so it never claims a version it does not hold.
   */
  void publish(String datasetId) {
    ensureIndex(datasetId);
    index.commit(datasetId, datasets.bump(datasetId));
  }

  /** Rebuilds the dataset's index from its records when it is missing or behind them. */
  void ensureIndex(String datasetId) {
    long version = datasets.version(datasetId);
    if (index.version(datasetId) != version) {
      index.rebuild(datasetId, sink -> records.each(datasetId, r -> sink.accept(doc(r))), version);
    }
  }

  long count(String datasetId) {
    return records.count(datasetId);
  }

  long pageCount(String datasetId, String pageId) {
    return records.countPage(datasetId, pageId);
  }

  static DatasetIndex.Doc doc(KnowledgeRecord r) {
    return new DatasetIndex.Doc(
        r.id(), r.pageId(), r.title(), String.join(" / ", r.headings()), r.text());
  }
}
