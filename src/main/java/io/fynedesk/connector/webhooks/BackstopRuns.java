package io.fynedesk.connector.webhooks;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One row per backstop fire ({@code backstop_run}): when it was scheduled and ran, on which
 * instance, and what it found. Quartz's clustered job store gives each fire to one instance; this
 * record lets operators (and the two-instance test) see that it does.
 */
@Repository
public class BackstopRuns {

  /** This JVM, as {@code pid@host}. */
  static final String RUNNER = ManagementFactory.getRuntimeMXBean().getName();

  private final JdbcTemplate jdbc;

  BackstopRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the start of a fire; returns its id. */
  public String start(Date scheduledFireTime, String instanceId) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "INSERT INTO backstop_run (id, scheduled_at, started_at, instance_id, runner, orgs, changes,"
            + " caught) VALUES (?, ?, ?, ?, ?, 0, 0, 0)",
        id,
        scheduledFireTime == null
            ? null
            : OffsetDateTime.ofInstant(scheduledFireTime.toInstant(), ZoneOffset.UTC),
        now(),
        instanceId == null ? RUNNER : instanceId,
        RUNNER);
    return id;
  }

  /** Adds one org's figures to a fire. */
  public void add(String runId, int changes, long caught) {
    if (runId != null) {
      jdbc.update(
          "UPDATE backstop_run SET orgs = orgs + 1, changes = changes + ?, caught = caught + ?"
              + " WHERE id = ?",
          changes,
          caught,
          runId);
    }
  }

  /** Records the end of a fire. */
  public void finish(String runId) {
    jdbc.update("UPDATE backstop_run SET finished_at = ? WHERE id = ?", now(), runId);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
