-- OAuth connect: the state of each authorize request, so any replica can finish the callback.
-- Single use (used_at set by the one callback that wins), valid 10 minutes, bound to the org.
-- The id is a random nonce; the state sent to Notion is the nonce plus an HMAC over it and the org.
CREATE TABLE oauth_state (
    id          VARCHAR(64)  PRIMARY KEY,
    org_id      VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_oauth_state_expires ON oauth_state (expires_at);
