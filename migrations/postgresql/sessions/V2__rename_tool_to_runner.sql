ALTER TABLE sessions RENAME COLUMN tool TO runner;
DROP INDEX idx_sessions_tool;
CREATE INDEX idx_sessions_runner ON sessions(runner);
