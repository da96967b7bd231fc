package io.fynedesk.connector.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene 9 index per dataset in its own directory: BM25 (Lucene's default similarity) over an
 * English analyzer (stemming, stop words), with the title and the heading path boosted over the
 * text; near-real-time searchers reopened after each commit. Pure Lucene, no Spring.
 */
public final class LuceneDatasetIndex implements DatasetIndex, AutoCloseable {

  static final String ID = "id";
  static final String PAGE = "page";
  static final String TITLE = "title";
  static final String HEADINGS = "headings";
  static final String TEXT = "text";
  private static final String VERSION = "version";

  /** Field boosts of the shipped index: the title over the heading path over the text. */
  static final Map<String, Float> BOOSTS = Map.of(TITLE, 2.0f, HEADINGS, 1.5f, TEXT, 1.0f);

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Path root;
  private final Analyzer analyzer;
  private final Map<String, Float> boosts;
  private final Map<String, Shard> shards = new ConcurrentHashMap<>();

  /** One dataset's directory, writer and NRT searcher manager. */
  private record Shard(Directory dir, IndexWriter writer, SearcherManager searchers) {}

  public LuceneDatasetIndex(Path root) {
    this(root, new EnglishAnalyzer(), BOOSTS);
  }

  /** Another analyzer or boosts (the search-quality baseline compares them). */
  LuceneDatasetIndex(Path root, Analyzer analyzer, Map<String, Float> boosts) {
    this.root = root;
    this.analyzer = analyzer;
    this.boosts = boosts;
  }

  @Override
  public void replacePage(String datasetId, String pageId, List<Doc> docs) {
    IndexWriter w = shard(datasetId).writer();
    try {
      w.deleteDocuments(new Term(PAGE, pageId));
      for (Doc d : docs) {
        w.addDocument(document(d));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void commit(String datasetId, long version) {
    Shard s = shard(datasetId);
    try {
      s.writer().setLiveCommitData(Map.of(VERSION, Long.toString(version)).entrySet());
      s.writer().commit();
      s.searchers().maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long version(String datasetId) {
    if (!shards.containsKey(datasetId) && !Files.isDirectory(dir(datasetId))) {
      return -1;
    }
    Iterable<Map.Entry<String, String>> data = shard(datasetId).writer().getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (VERSION.equals(e.getKey())) {
          return Long.parseLong(e.getValue());
        }
      }
    }
    return -1;
  }

  @Override
  public void rebuild(String datasetId, Consumer<Consumer<Doc>> source, long version) {
    IndexWriter w = shard(datasetId).writer();
    try {
      w.deleteAll();
      source.accept(
          d -> {
            try {
              w.addDocument(document(d));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commit(datasetId, version);
  }

  @Override
  public List<Hit> search(String datasetId, String query, int limit) {
    Query q = parse(query);
    if (q == null) {
      return List.of();
    }
    SearcherManager sm = shard(datasetId).searchers();
    try {
      IndexSearcher searcher = sm.acquire();
      try {
        List<Hit> out = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(q, limit).scoreDocs) {
          if (sd.score > 0) {
            out.add(new Hit(searcher.storedFields().document(sd.doc).get(ID), sd.score));
          }
        }
        return out;
      } finally {
        sm.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The free-text query over every field with its boost; null when nothing is left to match. */
  Query parse(String query) {
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(new String[] {TITLE, HEADINGS, TEXT}, analyzer, boosts);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    try {
      return parser.parse(QueryParser.escape(query));
    } catch (ParseException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Document document(Doc d) {
    Document doc = new Document();
    doc.add(new StringField(ID, d.recordId(), Field.Store.YES));
    doc.add(new StringField(PAGE, d.pageId(), Field.Store.NO));
    doc.add(new TextField(TITLE, nz(d.title()), Field.Store.NO));
    doc.add(new TextField(HEADINGS, nz(d.headings()), Field.Store.NO));
    doc.add(new TextField(TEXT, nz(d.text()), Field.Store.NO));
    return doc;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private Path dir(String datasetId) {
    if (!SAFE_ID.matcher(datasetId).matches()) {
      throw new IllegalArgumentException("not a dataset id: " + datasetId);
    }
    return root.resolve(datasetId);
  }

  private Shard shard(String datasetId) {
    return shards.computeIfAbsent(datasetId, this::open);
  }

  private Shard open(String datasetId) {
    try {
      Directory dir = FSDirectory.open(Files.createDirectories(dir(datasetId)));
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setRAMBufferSizeMB(32);
      IndexWriter writer = new IndexWriter(dir, config);
      if (!DirectoryReader.indexExists(dir)) {
        writer.commit();
      }
      return new Shard(dir, writer, new SearcherManager(writer, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Shard s : shards.values()) {
      try {
        s.searchers().close();
        s.writer().close();
        s.dir().close();
      } catch (IOException e) {
        // closing on shutdown: the next start reopens the directory and rebuilds if needed
      }
    }
    shards.clear();
  }
}
