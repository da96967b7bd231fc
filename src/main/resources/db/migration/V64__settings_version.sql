-- Settings are written optimistically: a PATCH writes only over the version it read, so two admins
-- (or two tabs) saving different sections at once both keep their change.
ALTER TABLE notion_connection ADD COLUMN settings_version INTEGER NOT NULL DEFAULT 0;
