-- The keyset indexes of the sessions and chat chains (their V4), for the same reason: the first
-- page of a million sessions or conversations reads straight off an index instead of sorting.
-- LeanSpec never reads them; sqlx checks only its own _sqlx_migrations, which is left alone.
CREATE INDEX idx_sessions_created_id ON sessions(created_at, id);
CREATE INDEX idx_sessions_status_created_id ON sessions(status, created_at, id);
CREATE INDEX idx_conversations_updated_id ON conversations(updated_at, id);
CREATE INDEX idx_messages_conversation_time_id ON messages(conversation_id, timestamp, id);

PRAGMA user_version = 2;
