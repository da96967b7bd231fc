-- The latest warning of a connection's work (e.g. a status option missing in Notion), shown in health.
ALTER TABLE notion_connection ADD COLUMN last_warning VARCHAR(2000);
