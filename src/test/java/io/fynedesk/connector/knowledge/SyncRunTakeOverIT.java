package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sync run outlives the replica that accepted it: a run queued or running on a replica that was
 * killed (its heartbeat stopped) is taken over by a live one and finishes; a live replica's run is
 * left alone; a run that keeps killing its replica stops after three starts. The dead replica is a
 * row it left behind, as {@code kill -9} leaves it.
 */
class SyncRunTakeOverIT extends KnowledgeFixture {

  @Autowired JdbcTemplate jdbc;
  @Autowired SyncRuns runs;

  /** A run row as a replica leaves it: held by {@code owner}, renewed last at {@code beat}. */
  private String leftBehind(
      String integrationId, String status, String owner, OffsetDateTime beat, int attempts) {
    String runId = "run_left_" + System.nanoTime();
    jdbc.update(
        """
        INSERT INTO knowledge_sync_run (id, integration_id, org_id, kind, status, pages_seen,
            pages_changed, pages_removed, records_written, created_at, started_at, owner,
            heartbeat_at, attempts)
        VALUES (?, ?, ?, 'manual', ?, 3, 0, 0, 0, ?, ?, ?, ?, ?)""",
        runId,
        integrationId,
        org,
        status,
        beat,
        "running".equals(status) ? beat : null,
        owner,
        beat,
        attempts);
    return runId;
  }

  private JsonNode run(String integrationId, String runId) {
    for (JsonNode r : runs(integrationId)) {
      if (r.get("id").asText().equals(runId)) {
        return r;
      }
    }
    throw new AssertionError("no run " + runId);
  }

  @Test
  void aRunningSyncOfAKilledReplicaIsTakenOverAndFinishes() {
    helpPage("Returns", "Thirty days", "Items can be returned within thirty days.");
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    String runId =
        leftBehind(id, "running", "killed-replica", OffsetDateTime.now().minusMinutes(5), 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> run(id, runId).hasNonNull("finishedAt"));
    assertThat(run(id, runId).get("status").asText()).isEqualTo("succeeded");
    assertThat(search(dataset, "returned", 5)).hasSize(1);
  }

  @Test
  void aManualSyncAcceptedByAReplicaKilledBeforeItStartedStillRuns() {
    helpPage("Shipping", "Two days", "Parcels arrive within two days.");
    String dataset = dataset();
    String id = syncingIntegration(dataset);
    String runId =
        leftBehind(id, "queued", "killed-replica", OffsetDateTime.now().minusMinutes(2), 0);
    await().atMost(Duration.ofSeconds(30)).until(() -> run(id, runId).hasNonNull("finishedAt"));
    assertThat(run(id, runId).get("status").asText()).isEqualTo("succeeded");
    assertThat(search(dataset, "parcels", 5)).hasSize(1);
  }

  @Test
  void aLiveReplicasRunIsNotTakenOver() {
    String id = syncingIntegration(dataset());
    String runId = leftBehind(id, "running", "live-replica", OffsetDateTime.now(), 1);
    assertThat(runs.takeOver()).extracting(SyncRuns.Orphan::runId).doesNotContain(runId);
    assertThat(run(id, runId).get("status").asText()).isEqualTo("running");
  }

  @Test
  void aRunThatKeepsKillingItsReplicaIsClosedAfterThreeStarts() {
    String id = syncingIntegration(dataset());
    String runId =
        leftBehind(
            id,
            "running",
            "killed-replica",
            OffsetDateTime.now().minusMinutes(5),
            SyncRuns.MAX_ATTEMPTS);
    assertThat(runs.takeOver()).extracting(SyncRuns.Orphan::runId).doesNotContain(runId);
    JsonNode r = run(id, runId);
    assertThat(r.get("status").asText()).isEqualTo("interrupted");
    assertThat(r.get("error").asText()).contains("stopped 3 times");
    assertThat(r.get("finishedAt").asText()).endsWith("Z");
  }
}
