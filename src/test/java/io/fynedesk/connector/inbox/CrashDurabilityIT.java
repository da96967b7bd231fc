package io.fynedesk.connector.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.support.ChildConnector;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event answered 202 survives {@code kill -9} right after the reply, on the default embedded H2
 * (STACK.md trap 2): the connector runs in a child JVM from a fresh working directory, so the
 * default {@code ./data/connector} database of application.yaml is the one tested.
 */
class CrashDurabilityIT {

  static final int EVENTS = 200;

  @TempDir Path workDir;

  @Test
  void acceptedEventSurvivesKillMinus9OnDefaultH2() throws Exception {
    ChildConnector child =
        ChildConnector.start(
            workDir,
            Map.of(
                // Keep the events in the inbox untouched by the worker, so the rows are exactly
                // what intake wrote.
                "CONNECTOR_INBOX_POLL_DELAY_MS", "3600000"));
    try {
      for (int i = 0; i < EVENTS; i++) {
        byte[] body =
            """
            {"id":"evt_crash_%d","type":"ticket.created","organizationId":"org_crash",
             "occurredAt":"2026-11-21T10:00:00Z","data":{"ticket":{"id":"T-%d","subject":"Kill me"}}}
            """
                .formatted(i, i)
                .getBytes(StandardCharsets.UTF_8);
        Http.Answer a =
            child.http.send(
                "POST",
                "/api/v1/events",
                body,
                Map.of(
                    "Content-Type",
                    "application/json",
                    "X-FyneDesk-Signature",
                    Hmac.sign(ChildConnector.SECRETS.get("FYNEDESK_EVENTS_SECRET"), body)));
        assertThat(a.status()).isEqualTo(202);
      }
    } finally {
      child.kill(); // SIGKILL right after the last 202: no shutdown hook, no H2 close
    }
    File db = workDir.resolve("data/connector.mv.db").toFile();
    assertThat(db).exists();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:"
                    + workDir.resolve("data/connector")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa",
                "");
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM inbox_event WHERE org_id = 'org_crash' AND type = 'ticket.created'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1))
          .as(Files.readString(workDir.resolve("connector.log")))
          .isEqualTo(EVENTS);
    }
  }
}
