package io.fynedesk.connector.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.ConnectorApplication;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event answered 202 survives {@code kill -9} right after the reply, on the default embedded H2
 * (STACK.md trap 2): the connector runs in a child JVM from a fresh working directory, so the
 * default {@code ./data/connector} database of application.yaml is the one tested.
 */
class CrashDurabilityIT {

  static final int EVENTS = 200;

  @TempDir
  Path workDir;

  @Test
  void acceptedEventSurvivesKillMinus9OnDefaultH2() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        ConnectorApplication.class.getName(), "--server.port=" + port));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(workDir.resolve("connector.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("FYNEDESK_API_BASE_URL", "http://127.0.0.1:1");
    env.put("FYNEDESK_API_TOKEN", "t");
    env.put("FYNEDESK_EVENTS_SECRET", "crash-secret");
    env.put("CONNECTOR_SECURITY_JWT_SECRET", "crash-test-jwt-secret-32-bytes-long!!");
    env.put("CONNECTOR_SECURITY_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    env.put("CONNECTOR_OPERATOR_PASSWORD", "op");
    // Keep the event in the inbox untouched by the worker, so the row is exactly what intake wrote.
    env.put("CONNECTOR_INBOX_POLL_DELAY_MS", "3600000");
    Process p = pb.start();
    try {
      Http http = new Http("http://127.0.0.1:" + port);
      await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
          .until(() -> http.get("/actuator/health/readiness", null).status() == 200);
      for (int i = 0; i < EVENTS; i++) {
        byte[] body = """
            {"id":"evt_crash_%d","type":"ticket.created","organizationId":"org_crash",
             "occurredAt":"2026-11-21T10:00:00Z","data":{"ticket":{"id":"T-%d","subject":"Kill me"}}}
            """.formatted(i, i).getBytes(StandardCharsets.UTF_8);
        Http.Answer a = http.send("POST", "/api/v1/events", body,
            Map.of("Content-Type", "application/json", "X-FyneDesk-Signature", Hmac.sign("crash-secret", body)));
        assertThat(a.status()).isEqualTo(202);
      }
    } finally {
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no H2 close
      p.waitFor(30, TimeUnit.SECONDS);
    }
    File db = workDir.resolve("data/connector.mv.db").toFile();
    assertThat(db).exists();
    try (Connection c = DriverManager.getConnection(
        "jdbc:h2:file:" + workDir.resolve("data/connector") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT COUNT(*) FROM inbox_event WHERE org_id = 'org_crash' AND type = 'ticket.created'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).as(Files.readString(workDir.resolve("connector.log"))).isEqualTo(EVENTS);
    }
  }
}
