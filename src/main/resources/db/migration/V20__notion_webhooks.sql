-- Notion webhooks (CONTRACT §3): the captured signing key, later handshakes, and the event ledger.

-- The verification token captured by the first handshake (encrypted); it signs every later delivery
-- until an operator clears it. The configured notion.webhook.verification-token always wins over it.
CREATE TABLE notion_webhook_key (
    id              INTEGER       PRIMARY KEY,
    token_enc       TEXT          NOT NULL,
    captured_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every handshake received, so an operator can see a re-created subscription's token before
-- clearing the current key (anyone can post a handshake, so none replaces the key by itself).
CREATE TABLE notion_webhook_handshake (
    id              VARCHAR(40)   PRIMARY KEY,
    token_enc       TEXT          NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every signed event, stored before the 200 and deduplicated by Notion's event id.
CREATE TABLE notion_webhook_event (
    id              VARCHAR(200)  PRIMARY KEY,
    type            VARCHAR(100)  NOT NULL,
    workspace_id    VARCHAR(100),
    entity_id       VARCHAR(100),
    entity_type     VARCHAR(50),
    event_at        TIMESTAMP WITH TIME ZONE,
    attempt_number  INTEGER,
    payload         TEXT          NOT NULL,
    org_id          VARCHAR(100),
    status          VARCHAR(20)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    claimed_at      TIMESTAMP WITH TIME ZONE,
    note            VARCHAR(2000),
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_notion_webhook_event_status ON notion_webhook_event (status, received_at);
CREATE INDEX ix_notion_webhook_event_workspace ON notion_webhook_event (workspace_id, received_at);

-- The backstop's cursor per org and what it last saw of each page (a hash of its properties), so a
-- page is fed to the routes again only when it changed; caught counts changes no webhook delivered.
CREATE TABLE backstop_cursor (
    org_id          VARCHAR(100)  PRIMARY KEY,
    cursor_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    caught_total    BIGINT        NOT NULL DEFAULT 0
);
CREATE TABLE backstop_seen (
    org_id          VARCHAR(100)  NOT NULL,
    page_id         VARCHAR(100)  NOT NULL,
    content_hash    VARCHAR(64)   NOT NULL,
    seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, page_id)
);
