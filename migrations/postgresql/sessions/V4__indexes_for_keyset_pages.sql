CREATE INDEX idx_sessions_created_id ON sessions(created_at, id);
CREATE INDEX idx_sessions_status_created_id ON sessions(status, created_at, id);
