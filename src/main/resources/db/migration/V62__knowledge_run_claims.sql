-- Sync runs are held by the replica that queued or runs them, renewed by its heartbeat: a run
-- whose holder stopped renewing (killed, restarted) is taken over by another replica, or by the
-- restarted one at once on the embedded database, instead of waiting for the next schedule.
ALTER TABLE knowledge_sync_run ADD COLUMN owner VARCHAR(200);
ALTER TABLE knowledge_sync_run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE knowledge_sync_run ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX knowledge_sync_run_open ON knowledge_sync_run (status, heartbeat_at);
