package io.fynedesk.connector.knowledge.bench;

import io.fynedesk.connector.knowledge.DatasetIndex;
import io.fynedesk.connector.knowledge.LuceneDatasetIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The AI source's dataset index at scale, in a 256 MiB heap: indexing 100,000 chunks of about 1,000
 * characters (one page = 10 chunks, replaced as the sync does) and searching that index with 1,000
 * different queries (SampleTime: p50/p95/p99 per search).
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
public class KnowledgeIndexBenchmark {

  static final int CHUNKS = 100_000;
  static final int CHUNKS_PER_PAGE = 10;
  static final int QUERIES = 1_000;

  /** A Zipf-like vocabulary of help-center words, so postings look like real text. */
  static final class Corpus {
    final String[] words;
    final Random random = new Random(42);

    Corpus() {
      String[] base = {
        "refund",
        "return",
        "shipping",
        "delivery",
        "invoice",
        "payment",
        "card",
        "password",
        "account",
        "ticket",
        "agent",
        "admin",
        "notion",
        "page",
        "database",
        "sync",
        "export",
        "import",
        "report",
        "customer",
        "order",
        "parcel",
        "tracking",
        "subscription",
        "plan",
        "billing",
        "trial",
        "discount",
        "team",
        "role",
        "permission",
        "macro",
        "tag",
        "rule",
        "escalate",
        "priority",
        "urgent",
        "schedule",
        "holiday",
        "survey",
        "rating",
        "widget",
        "chat",
        "email",
        "mobile",
        "security",
        "privacy",
        "token",
        "webhook",
        "limit"
      };
      words = new String[5_000];
      for (int i = 0; i < words.length; i++) {
        words[i] =
            i < base.length ? base[i] : base[i % base.length] + "x" + Integer.toString(i, 36);
      }
    }

    String word() {
      // Zipf-ish: small indexes are far more frequent.
      double u = random.nextDouble();
      return words[(int) Math.min(words.length - 1, Math.floor(Math.pow(words.length, u)) - 1)];
    }

    String text(int chars) {
      StringBuilder sb = new StringBuilder(chars + 16);
      while (sb.length() < chars) {
        sb.append(word()).append(sb.length() % 97 < 8 ? ". " : " ");
      }
      return sb.toString();
    }

    List<DatasetIndex.Doc> page(int page) {
      List<DatasetIndex.Doc> docs = new ArrayList<>(CHUNKS_PER_PAGE);
      String title = word() + " " + word() + " " + word();
      for (int c = 0; c < CHUNKS_PER_PAGE; c++) {
        docs.add(
            new DatasetIndex.Doc(
                "rec_" + page + "_" + c,
                "page_" + page,
                title,
                word() + " / " + word(),
                text(1000)));
      }
      return docs;
    }

    List<String> queries() {
      List<String> q = new ArrayList<>(QUERIES);
      for (int i = 0; i < QUERIES; i++) {
        int n = 2 + random.nextInt(4);
        StringBuilder sb = new StringBuilder("how do I");
        for (int w = 0; w < n; w++) {
          sb.append(' ').append(word());
        }
        q.add(sb.toString());
      }
      return q;
    }
  }

  /** Pre-generated pages for the indexing benchmark (generation is not measured). */
  @State(Scope.Benchmark)
  public static class Pages {
    List<List<DatasetIndex.Doc>> pages;
    Path dir;

    @Setup(Level.Trial)
    public void generate() {
      Corpus corpus = new Corpus();
      pages = new ArrayList<>();
      for (int p = 0; p < CHUNKS / CHUNKS_PER_PAGE; p++) {
        pages.add(corpus.page(p));
      }
    }

    @Setup(Level.Invocation)
    public void freshDir() throws IOException {
      dir = Files.createTempDirectory("knowledge-bench-index");
    }

    @TearDown(Level.Invocation)
    public void removeDir() throws IOException {
      delete(dir);
    }
  }

  /** Indexes 100,000 chunks into an empty dataset and commits (chunks/s = 100,000 ÷ time). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public long index100kChunks(Pages in) {
    try (LuceneDatasetIndex index = new LuceneDatasetIndex(in.dir)) {
      int p = 0;
      for (List<DatasetIndex.Doc> page : in.pages) {
        index.replacePage("dataset_bench", "page_" + p++, page);
      }
      index.commit("dataset_bench", 1);
      return index.version("dataset_bench");
    }
  }

  /** A 100,000-chunk index and 1,000 queries for the search benchmark. */
  @State(Scope.Benchmark)
  public static class Searchable {
    LuceneDatasetIndex index;
    List<String> queries;
    Path dir;
    int next;

    @Setup(Level.Trial)
    public void build() throws IOException {
      Corpus corpus = new Corpus();
      dir = Files.createTempDirectory("knowledge-bench-search");
      index = new LuceneDatasetIndex(dir);
      for (int p = 0; p < CHUNKS / CHUNKS_PER_PAGE; p++) {
        index.replacePage("dataset_bench", "page_" + p, corpus.page(p));
      }
      index.commit("dataset_bench", 1);
      queries = corpus.queries();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      index.close();
      delete(dir);
    }
  }

  /** One search (top 10) of the next of 1,000 queries over the 100,000-chunk index. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public int search(Searchable s) {
    String q = s.queries.get(s.next++ % QUERIES);
    return s.index.search("dataset_bench", q, 10).size();
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
