CREATE INDEX idx_sessions_created_id ON sessions(created_at, id);
CREATE INDEX idx_sessions_status_created_id ON sessions(status, created_at, id);
CREATE INDEX idx_conversations_updated_id ON conversations(updated_at, id);
CREATE INDEX idx_messages_conversation_time_id ON messages(conversation_id, timestamp, id);
