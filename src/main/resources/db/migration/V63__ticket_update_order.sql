-- The ticket's updatedAt of the newest snapshot written to its page: an older snapshot (an event
-- redelivered after a newer one was written) is not written over it.
ALTER TABLE ticket_page_link ADD COLUMN applied_updated_at TIMESTAMP WITH TIME ZONE;
