package io.fynedesk.connector.tickets;

import static io.fynedesk.connector.simulator.notion.SimFixtures.DATABASE;
import static io.fynedesk.connector.simulator.notion.SimFixtures.DATA_SOURCE;
import static io.fynedesk.connector.simulator.notion.SimFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionClientSettings;
import io.fynedesk.connector.notion.NotionProperties;
import io.fynedesk.connector.simulator.notion.Fault;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import io.fynedesk.connector.simulator.notion.SimFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataSourceSchemasTest {

  private final NotionAuth auth = new NotionAuth("org-1", TOKEN);
  private NotionSimulator sim;
  private DataSourceSchemas schemas;

  @BeforeEach
  void start() {
    sim = NotionSimulator.start();
    sim.rateLimitOff();
    new SimFixtures(sim);
    NotionProperties properties =
        new NotionProperties(
            new NotionProperties.Api(sim.baseUrl(), "2025-09-03"),
            new NotionProperties.RateLimit(50),
            null,
            null);
    schemas =
        new DataSourceSchemas(
            new NotionClient(
                properties,
                new ObjectMapper(),
                List.of(),
                NotionClientSettings.defaults()
                    .withDelays(Duration.ofMillis(10), Duration.ofSeconds(5))));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void concurrentMissesOfOneDataSourceCostOneRequest() throws Exception {
    sim.inject(Fault.latency(Duration.ofMillis(300)).on("GET", "/v1/data_sources/.*"));
    ExecutorService workers = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<JsonNode>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        answers.add(
            workers.submit(
                () -> {
                  go.await();
                  return schemas.properties(auth, DATA_SOURCE);
                }));
      }
      go.countDown();
      for (Future<JsonNode> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).has("Priority")).isTrue();
      }
    } finally {
      workers.shutdownNow();
    }

    assertThat(sim.calls()).hasSize(1);
    assertThat(sim.calls("GET", "/v1/data_sources/" + DATA_SOURCE)).hasSize(1);
  }

  @Test
  void databaseIdIsResolvedToItsFirstDataSourceAndCached() {
    JsonNode first = schemas.properties(auth, DATABASE);
    JsonNode second = schemas.properties(auth, DATABASE);

    assertThat(first.has("Priority")).isTrue();
    assertThat(second).isSameAs(first);
    assertThat(schemas.dataSourceId(auth, DATABASE)).isEqualTo(DATA_SOURCE);
    assertThat(sim.calls())
        .extracting(c -> c.method() + " " + c.path() + " " + c.status())
        .containsExactly(
            "GET /v1/data_sources/" + DATABASE + " 404",
            "GET /v1/databases/" + DATABASE + " 200",
            "GET /v1/data_sources/" + DATA_SOURCE + " 200");
  }
}
