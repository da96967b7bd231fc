package io.fynedesk.connector;

import io.fynedesk.connector.support.Http;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring + Camel tests: the whole connector on a random port, real HTTP, H2 in memory,
 * or PostgreSQL when {@code CONNECTOR_TEST_POSTGRES_URL} is set (a fresh schema per test JVM).
 * One Spring context is shared by every subclass; tests isolate themselves by org id.
 */
@CamelSpringBootTest
@org.apache.camel.test.spring.junit5.DisableJmx(false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ConnectorApplication.class)
@ActiveProfiles("test")
public abstract class AbstractConnectorIT {

  /** Schema used on PostgreSQL by this test JVM. */
  static final String PG_SCHEMA = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @LocalServerPort
  protected int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String pg = System.getenv("CONNECTOR_TEST_POSTGRES_URL");
    if (pg != null && !pg.isBlank()) {
      registry.add("spring.datasource.url", () -> pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA);
      registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_USER", "postgres"));
      registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("CONNECTOR_TEST_POSTGRES_PASSWORD", ""));
      registry.add("spring.flyway.schemas", () -> PG_SCHEMA);
    }
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
