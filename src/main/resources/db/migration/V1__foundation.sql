-- Foundation schema: org connections, settings, durable inbox, processed ids, failures.
-- Written once for H2 (MODE=PostgreSQL) and PostgreSQL: unquoted identifiers, portable types.

-- One Notion connection per FyneDesk organization; a workspace belongs to at most one org.
CREATE TABLE notion_connection (
    org_id              VARCHAR(100) PRIMARY KEY,
    state               VARCHAR(20)  NOT NULL,
    workspace_id        VARCHAR(100),
    workspace_name      VARCHAR(300),
    bot_id              VARCHAR(100),
    token_kind          VARCHAR(20),
    access_token_enc    TEXT,
    refresh_token_enc   TEXT,
    settings            TEXT         NOT NULL,
    last_event_at       TIMESTAMP WITH TIME ZONE,
    last_sync_at        TIMESTAMP WITH TIME ZONE,
    last_error          VARCHAR(2000),
    connected_at        TIMESTAMP WITH TIME ZONE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ux_notion_connection_workspace ON notion_connection (workspace_id);

-- Every accepted FyneDesk event, written before the sender gets 202.
CREATE TABLE inbox_event (
    id              VARCHAR(200) PRIMARY KEY,
    org_id          VARCHAR(100) NOT NULL,
    type            VARCHAR(100) NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    origin          VARCHAR(100),
    payload         TEXT         NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    claimed_by      VARCHAR(100),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at    TIMESTAMP WITH TIME ZONE,
    note            VARCHAR(2000)
);
CREATE INDEX ix_inbox_event_status ON inbox_event (status, received_at);
CREATE INDEX ix_inbox_event_org ON inbox_event (org_id, status);

-- Camel JDBC idempotent repository; the insert decides (STACK.md trap 1).
CREATE TABLE camel_messageprocessed (
    processorname   VARCHAR(255) NOT NULL,
    messageid       VARCHAR(500) NOT NULL,
    createdat       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (processorname, messageid)
);

-- Work that gave up: visible in health, listed and replayable by the org's admin.
CREATE TABLE failure (
    id              VARCHAR(40)  PRIMARY KEY,
    org_id          VARCHAR(100) NOT NULL,
    kind            VARCHAR(60)  NOT NULL,
    subject_id      VARCHAR(200),
    code            VARCHAR(100) NOT NULL,
    message         VARCHAR(4000),
    attempts        INTEGER      NOT NULL,
    payload         TEXT,
    first_failed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_failure_org ON failure (org_id, resolved_at);
