-- AI knowledge source (CONTRACT §5): datasets, Notion integrations, dataset records, the per-page
-- sync state (content hash) and sync runs. The records table is the source of truth; the Lucene
-- index is a cache rebuilt from it (index_version says which state an index reflects).

CREATE TABLE knowledge_dataset (
    id              VARCHAR(64)   PRIMARY KEY,
    org_id          VARCHAR(200)  NOT NULL,
    name            VARCHAR(500),
    -- Bumped by every write to the dataset's records; an index older than this is rebuilt.
    index_version   BIGINT        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_dataset_org ON knowledge_dataset (org_id);

CREATE TABLE knowledge_integration (
    id                  VARCHAR(64)   PRIMARY KEY,
    org_id              VARCHAR(200)  NOT NULL,
    name                VARCHAR(500),
    description         TEXT,
    dataset_id          VARCHAR(64),
    token_enc           TEXT,
    sync_schedule       VARCHAR(200),
    expires_in          BIGINT,
    blueprint_id        VARCHAR(200),
    meta                TEXT          NOT NULL,
    -- The org id when the aiSource toggle manages this integration (at most one per org), else null.
    managed_org         VARCHAR(200)  UNIQUE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_synced_at      TIMESTAMP WITH TIME ZONE,
    last_manual_sync_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX knowledge_integration_org ON knowledge_integration (org_id);

CREATE TABLE knowledge_record (
    id              VARCHAR(64)   PRIMARY KEY,
    dataset_id      VARCHAR(64)   NOT NULL,
    org_id          VARCHAR(200)  NOT NULL,
    integration_id  VARCHAR(64),
    page_id         VARCHAR(100)  NOT NULL,
    chunk_no        INTEGER       NOT NULL,
    text            TEXT          NOT NULL,
    title           TEXT,
    url             TEXT,
    headings        TEXT,
    meta            TEXT          NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_record_page ON knowledge_record (dataset_id, page_id);

-- What the last sync of an integration wrote for a page, so unchanged pages are skipped.
CREATE TABLE knowledge_page (
    integration_id  VARCHAR(64)   NOT NULL,
    dataset_id      VARCHAR(64)   NOT NULL,
    page_id         VARCHAR(100)  NOT NULL,
    content_hash    VARCHAR(64)   NOT NULL,
    last_edited     VARCHAR(40),
    synced_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (integration_id, dataset_id, page_id)
);

CREATE TABLE knowledge_sync_run (
    id              VARCHAR(64)   PRIMARY KEY,
    integration_id  VARCHAR(64)   NOT NULL,
    org_id          VARCHAR(200)  NOT NULL,
    kind            VARCHAR(20)   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    pages_seen      INTEGER       NOT NULL,
    pages_changed   INTEGER       NOT NULL,
    pages_removed   INTEGER       NOT NULL,
    records_written INTEGER       NOT NULL,
    error           TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX knowledge_sync_run_integration ON knowledge_sync_run (integration_id, created_at);
