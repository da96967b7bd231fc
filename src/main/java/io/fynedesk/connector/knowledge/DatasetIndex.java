package io.fynedesk.connector.knowledge;

import java.util.List;
import java.util.function.Consumer;

/**
 * The search index of datasets: a cache of the records table, rebuilt from it when missing or
 * stale. {@link LuceneDatasetIndex} keeps it on the replica's disk; an OpenSearch implementation
 * (one index per dataset, or a {@code datasetId} keyword field) can replace it when one replica's
 * disk is not enough (README "AI knowledge source").
 */
public interface DatasetIndex {

  /**
   * A record as the index sees it.
   *
   * @param recordId the record id (what a hit returns)
   * @param pageId the Notion page (replaced as a whole)
   * @param title the page title (boosted)
   * @param headings the heading path above the chunk (boosted)
   * @param text the chunk
   */
  record Doc(String recordId, String pageId, String title, String headings, String text) {}

  /**
   * A match.
   *
   * @param recordId the record id
   * @param score BM25 score, &gt; 0
   */
  record Hit(String recordId, float score) {}

  /** Replaces a page's documents (none: the page is removed); visible after {@link #commit}. */
  void replacePage(String datasetId, String pageId, List<Doc> docs);

  /** Makes the changes durable and searchable, noting the records' version they reflect. */
  void commit(String datasetId, long version);

  /** The records' version the index reflects, or -1 when the dataset has no index here. */
  long version(String datasetId);

  /** Rebuilds a dataset's index from every record the source feeds, at {@code version}. */
  void rebuild(String datasetId, Consumer<Consumer<Doc>> source, long version);

  /** The best {@code limit} matches of a free-text query, best first. */
  List<Hit> search(String datasetId, String query, int limit);
}
