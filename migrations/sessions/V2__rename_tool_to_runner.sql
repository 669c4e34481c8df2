-- LeanSpec renamed `tool` to `runner` ("runner-era"). RENAME COLUMN keeps every value and
-- rewrites the old index to the new column; the index is then renamed by re-creating it.
ALTER TABLE sessions RENAME COLUMN tool TO runner;
DROP INDEX idx_sessions_tool;
CREATE INDEX idx_sessions_runner ON sessions(runner);

PRAGMA user_version = 2;
