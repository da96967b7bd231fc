-- Per-entity debounce of Notion webhook events: claiming looks up the received rows of one entity,
-- and a coalesced row names the event it was folded into.
CREATE INDEX ix_notion_webhook_event_entity ON notion_webhook_event (entity_id, status, received_at);
ALTER TABLE notion_webhook_event ADD COLUMN coalesced_into VARCHAR(200);

-- One row per backstop fire and the instance that ran it (Quartz's clustered job store should give
-- each fire to one instance only; this table is how tests and operators see that it does).
CREATE TABLE backstop_run (
    id              VARCHAR(40)   PRIMARY KEY,
    scheduled_at    TIMESTAMP WITH TIME ZONE,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    instance_id     VARCHAR(200)  NOT NULL,
    runner          VARCHAR(200)  NOT NULL,
    orgs            INTEGER,
    changes         INTEGER,
    caught          INTEGER
);
CREATE INDEX ix_backstop_run_started ON backstop_run (started_at);
