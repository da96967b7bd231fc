package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.simulator.notion.RecordedCall;
import io.fynedesk.connector.support.Simulators;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load measurement, not part of the normal build: a sync of 300 pages against the simulator's
 * default Notion limit (3 req/s, burst 9) with the connector's 3 req/s budget; prints requests/s,
 * budget use, 429s and heap. Run (with the heap of the goal):
 *
 * <pre>
 * mvn -B -q test -Dtest=KnowledgeSyncLoadIT -Dknowledge.load=true -DargLine=-Xmx256m
 * </pre>
 */
@EnabledIfSystemProperty(named = "knowledge.load", matches = "true")
class KnowledgeSyncLoadIT extends KnowledgeFixture {

  static final int PAGES = 300;

  @Test
  void threeHundredPagesSyncWithinTheBudget() {
    for (int i = 0; i < PAGES; i++) {
      helpPage(
          "Help page " + i,
          "Section " + i,
          "Answer number " + i + " explains one more thing customers ask about.",
          "A second paragraph keeps the page realistic, with a few more words in it.");
    }
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    long start = System.nanoTime();
    assertThat(post("/api/v1/integration/notion/" + id + "/sync", "{}").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> lastRunFinished(id));
    double wall = (System.nanoTime() - start) / 1e9;
    JsonNode run = runs(id).get(0);
    List<RecordedCall> calls =
        Simulators.notion().calls().stream().filter(c -> world.token.equals(c.token())).toList();
    double span =
        Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()).toMillis() / 1000.0;
    long limited = calls.stream().filter(c -> c.status() == 429).count();
    double rate = (calls.size() - 1) / span;
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "knowledge sync load: %d pages (%s, %d records) in %.1f s; %d Notion requests over %.1f s"
            + " = %.2f req/s, budget use %.1f %% of 3 req/s, %d x 429; heap max %d MiB, used %d"
            + " MiB%n",
        run.get("pagesSeen").asInt(),
        run.get("status").asText(),
        run.get("recordsWritten").asInt(),
        wall,
        calls.size(),
        span,
        rate,
        rate / 3 * 100,
        limited,
        rt.maxMemory() >> 20,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
    assertThat(run.get("pagesSeen").asInt()).isGreaterThanOrEqualTo(PAGES);
    assertThat(limited).isZero();
  }
}
