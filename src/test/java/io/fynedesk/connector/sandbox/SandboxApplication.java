package io.fynedesk.connector.sandbox;

import io.fynedesk.connector.ConnectorApplication;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import org.springframework.boot.SpringApplication;

/**
 * Runs the connector in the {@code sandbox} profile with the Notion and FyneDesk simulators
 * in-process: {@code mvn spring-boot:test-run}. A demo org is connected to a demo workspace, and
 * {@code target/sandbox/sandbox.env} holds the URLs, an admin JWT and the events secret for curl.
 */
public final class SandboxApplication {

  private SandboxApplication() {}

  public static void main(String[] args) {
    NotionSimulator notion = NotionSimulator.start(intEnv("SANDBOX_NOTION_PORT", 8090));
    FyneDeskSimulator fynedesk = FyneDeskSimulator.start(intEnv("SANDBOX_FYNEDESK_PORT", 8091));
    SandboxWorld.seed(notion);
    SpringApplication app = new SpringApplication(ConnectorApplication.class, SandboxSetup.class);
    app.setAdditionalProfiles("sandbox");
    // System properties outrank application.yaml, so the connector talks to the simulators.
    System.setProperty("notion.api.base-url", notion.baseUrl());
    System.setProperty("fynedesk.api.base-url", fynedesk.baseUrl());
    System.setProperty("fynedesk.api.token", FyneDeskSimulator.DEFAULT_TOKEN);
    SandboxSetup.simulators(notion, fynedesk);
    try {
      app.run(args);
    } catch (RuntimeException e) {
      notion.close();
      fynedesk.close();
      throw e;
    }
  }

  private static int intEnv(String name, int fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
  }
}
