-- Knowledge-base sync (CONTRACT §6): one link per synced article, (org, FyneDesk article) <-> Notion
-- page, with its owner, the block map the connector last wrote (block ids and hashes, JSON), the
-- content hash of what it last imported, and the lossy report shown in sync.warnings.
CREATE TABLE kb_article_link (
    org_id          VARCHAR(100)  NOT NULL,
    page_id         VARCHAR(100)  NOT NULL,
    article_id      VARCHAR(200),
    origin          VARCHAR(20)   NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    owner           VARCHAR(20)   NOT NULL,
    mirror_edited   BOOLEAN       NOT NULL DEFAULT FALSE,
    page_url        VARCHAR(2000),
    article_url     VARCHAR(2000),
    title           VARCHAR(2000),
    callout_id      VARCHAR(100),
    block_map       TEXT,
    content_hash    VARCHAR(100),
    notion_edited   VARCHAR(40),
    warnings        TEXT,
    trashed         BOOLEAN       NOT NULL DEFAULT FALSE,
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP WITH TIME ZONE,
    version         INTEGER       NOT NULL DEFAULT 0,
    last_synced_at  TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, page_id)
);
CREATE UNIQUE INDEX ux_kb_article_link_article ON kb_article_link (org_id, article_id);

-- Publish claims: the first delivery for an article inserts this row and creates the page; a
-- duplicate or concurrent one finds it (the key decides, never a second page).
CREATE TABLE kb_publish_claim (
    org_id          VARCHAR(100)  NOT NULL,
    article_id      VARCHAR(200)  NOT NULL,
    page_id         VARCHAR(100),
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, article_id)
);

-- Debounced, durable KB work per page: webhooks and the backstop upsert a row with a due time; a
-- poller claims due rows (one worker per page at a time); a change during the work runs it again.
CREATE TABLE kb_sync_queue (
    org_id          VARCHAR(100)  NOT NULL,
    page_id         VARCHAR(100)  NOT NULL,
    kind            VARCHAR(20)   NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    first_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    again           BOOLEAN       NOT NULL DEFAULT FALSE,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    claimed_by      VARCHAR(100),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(2000),
    PRIMARY KEY (org_id, page_id, kind)
);
CREATE INDEX ix_kb_sync_queue_due ON kb_sync_queue (due_at);

-- Import sources already walked once (the walk runs when a source is added or import switched on).
CREATE TABLE kb_source_walk (
    org_id          VARCHAR(100)  NOT NULL,
    source_id       VARCHAR(100)  NOT NULL,
    walked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, source_id)
);

-- Notion-hosted files rehosted in FyneDesk: by the file's stable location (its URL without the
-- expiring signature) and by content hash, so a file is downloaded once and uploaded once.
CREATE TABLE kb_attachment (
    org_id          VARCHAR(100)  NOT NULL,
    file_key        VARCHAR(2000) NOT NULL,
    content_hash    VARCHAR(100)  NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, file_key)
);
CREATE INDEX ix_kb_attachment_hash ON kb_attachment (org_id, content_hash);

-- When the KB backstop last looked at an org (cursor minus an overlap: Notion rounds to the minute).
CREATE TABLE kb_backstop_cursor (
    org_id          VARCHAR(100)  NOT NULL PRIMARY KEY,
    cursor_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
