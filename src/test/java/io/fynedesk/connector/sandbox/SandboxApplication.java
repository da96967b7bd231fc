package io.fynedesk.connector.sandbox;

import io.fynedesk.connector.ConnectorApplication;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringApplication;

/**
 * Runs the connector in the {@code sandbox} profile with the Notion and FyneDesk simulators
 * in-process: {@code mvn spring-boot:test-run}. A demo org is connected to a demo workspace, and
 * {@code target/sandbox/sandbox.env} holds the URLs, an admin JWT and the events secret for curl.
 * {@code SANDBOX_NOTION_RATE} sets the Notion simulator's rate limit: {@code off} or requests/s.
 */
public final class SandboxApplication {

  /** The sandbox's own embedded database, so it never touches ./data/connector. */
  static final String SANDBOX_DATABASE =
      "jdbc:h2:file:./target/sandbox/connector;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

  private SandboxApplication() {}

  public static void main(String[] args) {
    NotionSimulator notion = NotionSimulator.start(intEnv("SANDBOX_NOTION_PORT", 8090));
    FyneDeskSimulator fynedesk = FyneDeskSimulator.start(intEnv("SANDBOX_FYNEDESK_PORT", 8091));
    SandboxWorld.seed(notion);
    SandboxSetup.notionRate(SandboxWorld.rateLimit(notion, System.getenv("SANDBOX_NOTION_RATE")));
    SpringApplication app = new SpringApplication(ConnectorApplication.class, SandboxSetup.class);
    app.setAdditionalProfiles("sandbox");
    // System properties outrank application.yaml, so the connector talks to the simulators.
    System.setProperty("notion.api.base-url", notion.baseUrl());
    System.setProperty("fynedesk.api.base-url", fynedesk.baseUrl());
    System.setProperty("fynedesk.api.token", FyneDeskSimulator.DEFAULT_TOKEN);
    // Run from the project directory, ./application.yaml (a file location) outranks the packaged
    // application-sandbox.yaml, whose port and database would silently give way to 8080 and
    // ./data/connector; system properties outrank both.
    int port = intEnv("SANDBOX_PORT", 8080);
    System.setProperty("server.port", String.valueOf(port));
    // OAuth connect against the simulator's consent stand-in (org_oauth_demo → ws-oauth-demo).
    String oauthSecret = UUID.randomUUID().toString();
    String redirect = "http://127.0.0.1:" + port + "/oauth/notion/callback";
    SandboxWorld.oauthApp(notion, oauthSecret, redirect);
    System.setProperty("notion.oauth.client-id", SandboxWorld.OAUTH_CLIENT_ID);
    System.setProperty("notion.oauth.client-secret", oauthSecret);
    System.setProperty("notion.oauth.redirect-uri", redirect);
    System.setProperty("notion.oauth.authorize-url", notion.baseUrl() + "/v1/oauth/authorize");
    if (System.getenv("FYNEDESK_SETTINGS_URL") == null) {
      System.setProperty(
          "fynedesk.settings-url", fynedesk.baseUrl() + "/settings/connections/notion");
    }
    // Plain-text logs for a terminal (application.yaml logs JSON); CONNECTOR_LOG_FORMAT=ecs keeps
    // it.
    if (System.getenv("CONNECTOR_LOG_FORMAT") == null) {
      System.setProperty("CONNECTOR_LOG_FORMAT", "");
    }
    if (System.getenv("SPRING_DATASOURCE_URL") == null) {
      freshDatabase();
      System.setProperty("spring.datasource.url", SANDBOX_DATABASE);
    }
    SandboxSetup.simulators(notion, fynedesk);
    try {
      app.run(args);
    } catch (RuntimeException e) {
      notion.close();
      fynedesk.close();
      throw e;
    }
  }

  /**
   * Every start is a fresh world: the simulators start empty and the secrets are generated anew, so
   * the last run's database would point at pages the Notion simulator no longer has, and hold
   * tokens sealed with the last run's encryption key. The sandbox's own database is removed first.
   */
  private static void freshDatabase() {
    for (String file : List.of("connector.mv.db", "connector.trace.db")) {
      try {
        if (Files.deleteIfExists(Path.of("target", "sandbox", file))) {
          System.out.println("Sandbox: removed the last run's target/sandbox/" + file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove target/sandbox/" + file, e);
      }
    }
  }

  private static int intEnv(String name, int fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
  }
}
