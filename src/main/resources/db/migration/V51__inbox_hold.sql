-- Work held while Notion is unavailable for a connection (its circuit is open): the event waits as
-- pending until held_until, or until the circuit of held_for closes and releases it at once.
ALTER TABLE inbox_event ADD COLUMN held_for VARCHAR(200);
ALTER TABLE inbox_event ADD COLUMN held_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_inbox_event_held ON inbox_event (held_for);
