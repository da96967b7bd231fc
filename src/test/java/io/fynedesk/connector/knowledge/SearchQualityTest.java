package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search quality on a labelled help-center set ({@code knowledge/helpcenter-eval.json}: 52 pages,
 * 50 queries written as customers ask, each with its relevant pages): recall@5 and MRR at page
 * level through the shipped chunker and index, against a same-run baseline (standard analyzer, no
 * boosts). Run: {@code mvn -B -q test -Dtest=SearchQualityTest}; the figures are printed.
 */
class SearchQualityTest {

  @TempDir Path dir;

  record Quality(double recallAt5, double mrr) {}

  @Test
  void shippedIndexFindsTheRightPageForMostQuestions() throws Exception {
    JsonNode set = load();
    Quality shipped = evaluate(new LuceneDatasetIndex(dir.resolve("shipped")), set);
    Quality baseline =
        evaluate(
            new LuceneDatasetIndex(
                dir.resolve("baseline"),
                new StandardAnalyzer(),
                Map.of(
                    LuceneDatasetIndex.TITLE,
                    1f,
                    LuceneDatasetIndex.HEADINGS,
                    1f,
                    LuceneDatasetIndex.TEXT,
                    1f)),
            set);
    System.out.printf(
        "search quality (%d pages, %d queries): English analyzer + boosts recall@5 %.3f MRR %.3f;"
            + " baseline (standard analyzer, no boosts) recall@5 %.3f MRR %.3f%n",
        set.get("pages").size(),
        set.get("queries").size(),
        shipped.recallAt5(),
        shipped.mrr(),
        baseline.recallAt5(),
        baseline.mrr());
    assertThat(set.get("pages").size()).isGreaterThanOrEqualTo(50);
    assertThat(set.get("queries").size()).isGreaterThanOrEqualTo(30);
    assertThat(shipped.recallAt5()).isGreaterThanOrEqualTo(0.85);
    assertThat(shipped.mrr()).isGreaterThanOrEqualTo(0.7);
    assertThat(shipped.mrr()).isGreaterThanOrEqualTo(baseline.mrr());
  }

  static JsonNode load() throws Exception {
    try (InputStream in =
        SearchQualityTest.class.getResourceAsStream("/knowledge/helpcenter-eval.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** Indexes every page as the sync would (Markdown → chunks) and scores every query. */
  static Quality evaluate(LuceneDatasetIndex index, JsonNode set) {
    Chunker chunker = new Chunker(1000);
    for (JsonNode page : set.get("pages")) {
      StringBuilder md = new StringBuilder();
      for (JsonNode s : page.get("sections")) {
        md.append("## ").append(s.get("heading").asText()).append("\n\n");
        md.append(s.get("text").asText()).append("\n\n");
      }
      List<DatasetIndex.Doc> docs = new ArrayList<>();
      List<Chunker.Chunk> chunks = chunker.chunks(md.toString());
      for (int i = 0; i < chunks.size(); i++) {
        docs.add(
            new DatasetIndex.Doc(
                page.get("id").asText() + "#" + i,
                page.get("id").asText(),
                page.get("title").asText(),
                String.join(" / ", chunks.get(i).headings()),
                chunks.get(i).text()));
      }
      index.replacePage("eval", page.get("id").asText(), docs);
    }
    index.commit("eval", 1);
    double recall = 0;
    double rr = 0;
    for (JsonNode q : set.get("queries")) {
      Set<String> relevant = new LinkedHashSet<>();
      q.get("relevant").forEach(r -> relevant.add(r.asText()));
      List<String> pages = new ArrayList<>();
      for (DatasetIndex.Hit h : index.search("eval", q.get("query").asText(), 20)) {
        String page = h.recordId().substring(0, h.recordId().indexOf('#'));
        if (!pages.contains(page)) {
          pages.add(page);
        }
      }
      List<String> top5 = pages.subList(0, Math.min(5, pages.size()));
      recall += top5.stream().filter(relevant::contains).count() / (double) relevant.size();
      for (int i = 0; i < pages.size(); i++) {
        if (relevant.contains(pages.get(i))) {
          rr += 1.0 / (i + 1);
          break;
        }
      }
    }
    index.close();
    int n = set.get("queries").size();
    return new Quality(recall / n, rr / n);
  }
}
