package io.fynedesk.connector;

import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring + Camel tests: the whole connector on a random port, real HTTP, H2 in memory,
 * or PostgreSQL when {@code CONNECTOR_TEST_POSTGRES_URL} is set (a fresh schema per test JVM). One
 * Spring context is shared by every subclass; tests isolate themselves by org id.
 */
@CamelSpringBootTest
@DisableJmx(false)
// spring.config.location: the top-level ./application.yaml (a file location) would otherwise
// outrank
// application-test.yaml on the classpath; its packaged copy on the classpath is read instead.
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = ConnectorApplication.class,
    properties = "spring.config.location=classpath:/")
@ActiveProfiles("test")
public abstract class AbstractConnectorIT {

  /** Schema used on PostgreSQL by this test JVM. */
  static final String PG_SCHEMA =
      "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void simulators(DynamicPropertyRegistry registry) {
    registry.add("notion.api.base-url", () -> Simulators.notion().baseUrl());
    registry.add(
        "notion.oauth.authorize-url", () -> Simulators.notion().baseUrl() + "/v1/oauth/authorize");
    registry.add("fynedesk.api.base-url", () -> Simulators.fynedesk().baseUrl());
    registry.add("fynedesk.api.token", () -> FyneDeskSimulator.DEFAULT_TOKEN);
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    // Each Spring context gets a database of its own. Contexts with other properties
    // (@TestPropertySource) live beside the cached default one, and their inbox, webhook and
    // scheduler pollers would otherwise take each other's work from a shared database.
    String schema = PG_SCHEMA + "_" + CONTEXTS.incrementAndGet();
    String pg = System.getenv("CONNECTOR_TEST_POSTGRES_URL");
    if (pg != null && !pg.isBlank()) {
      registry.add(
          "spring.datasource.url",
          () -> pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema);
      registry.add(
          "spring.datasource.username",
          () -> System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_USER", "postgres"));
      registry.add(
          "spring.datasource.password",
          () -> System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_PASSWORD", ""));
      registry.add("spring.flyway.schemas", () -> schema);
    } else {
      registry.add(
          "spring.datasource.url",
          () ->
              "jdbc:h2:mem:connector_"
                  + schema
                  + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
  }

  /** Spring contexts started by this test JVM (one database each). */
  private static final AtomicInteger CONTEXTS = new AtomicInteger();

  /** A fresh Notion workspace with a Tickets data source, in the shared simulator. */
  protected static NotionWorld newWorld() {
    return new NotionWorld(Simulators.notion());
  }

  /** Connects an org to a world with its internal token through the admin API. */
  protected void connect(String org, NotionWorld world) {
    Http.Answer a =
        http()
            .json(
                "PUT",
                "/api/v1/connections/notion/token",
                TestJwt.admin(org),
                "{\"token\":\"" + world.token + "\"}");
    if (a.status() != 200) {
      throw new AssertionError("connect failed: " + a.status() + " " + a.body());
    }
  }

  /** Disconnects an org through the admin API ({@code DELETE /api/v1/connections/notion}). */
  protected Http.Answer disconnect(String org) {
    return http()
        .send(
            "DELETE",
            "/api/v1/connections/notion",
            null,
            Map.of("Authorization", "Bearer " + TestJwt.admin(org)));
  }

  protected Http http() {
    return new Http("http://127.0.0.1:" + port);
  }

  /** A fresh org id, so tests sharing the context and database never see each other's rows. */
  protected static String newOrg() {
    return "org_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** Whether this run uses PostgreSQL. */
  protected static boolean onPostgres() {
    String pg = System.getenv("CONNECTOR_TEST_POSTGRES_URL");
    return pg != null && !pg.isBlank();
  }
}
