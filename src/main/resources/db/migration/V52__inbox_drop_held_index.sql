-- Held events are released through the status index (status = 'pending', then held_for), once per
-- closing circuit. The held_for index cost every insert, claim and finish a fifth B-tree to write
-- (H2 rewrites each index of a changed row), for a query that runs only when a circuit closes.
DROP INDEX ix_inbox_event_held;
