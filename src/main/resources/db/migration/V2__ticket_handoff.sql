-- Ticket → Notion hand-off: one link per (org, ticket), with a pending state and a lease so a crash
-- between "Notion created the page" and "we recorded it" is reconciled, never duplicated.
CREATE TABLE ticket_page_link (
    org_id          VARCHAR(100)  NOT NULL,
    ticket_id       VARCHAR(200)  NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    page_id         VARCHAR(100),
    page_url        VARCHAR(2000),
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP WITH TIME ZONE,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    mapped_values   TEXT,
    linked_back     BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, ticket_id)
);
CREATE UNIQUE INDEX ux_ticket_page_link_page ON ticket_page_link (page_id);

-- Every value the connector writes (which side, which object, which field, what value), so an echo
-- of its own write coming back from either side is recognised and dropped.
CREATE TABLE written_value (
    org_id      VARCHAR(100)  NOT NULL,
    target      VARCHAR(20)   NOT NULL,
    object_id   VARCHAR(200)  NOT NULL,
    field       VARCHAR(200)  NOT NULL,
    value_hash  VARCHAR(100)  NOT NULL,
    written_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, target, object_id, field)
);
