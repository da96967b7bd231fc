-- One Notion budget across replicas (on PostgreSQL; H2 keeps the in-memory buckets, so these stay empty).
-- Bucket4j's token bucket per Notion connection, in the layout of its select-for-update proxy manager.
CREATE TABLE notion_budget_bucket (
    id              VARCHAR(200) PRIMARY KEY,
    state           BYTEA,
    expires_at      BIGINT
);

-- The Retry-After gate per Notion connection: no replica sends for that connection before blocked_until.
CREATE TABLE notion_budget_gate (
    connection_key  VARCHAR(200) PRIMARY KEY,
    blocked_until   TIMESTAMP WITH TIME ZONE NOT NULL
);
