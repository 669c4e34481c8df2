-- Keyset pages (newest first, then by id) read straight off these indexes instead of sorting the
-- whole table: the first page of a million sessions costs what the first page of a hundred does.
-- The status variant serves the most common filter with the same order.
CREATE INDEX idx_sessions_created_id ON sessions(created_at, id);
CREATE INDEX idx_sessions_status_created_id ON sessions(status, created_at, id);

PRAGMA user_version = 4;
