-- The claim reads the oldest claimable events: WHERE status = ... ORDER BY status, received_at, id
-- LIMIT n. With id in the status index, the index order is the claim order, so H2 and PostgreSQL
-- stop after n rows. Before, H2 read and sorted every pending row on every poll (profiled: a fifth
-- of the sandbox's CPU under a 600 events/s intake, growing with the backlog).
DROP INDEX ix_inbox_event_status;
CREATE INDEX ix_inbox_event_status ON inbox_event (status, received_at, id);
