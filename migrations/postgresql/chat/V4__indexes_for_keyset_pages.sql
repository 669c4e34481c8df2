CREATE INDEX idx_conversations_updated_id ON conversations(updated_at, id);
CREATE INDEX idx_messages_conversation_time_id ON messages(conversation_id, timestamp, id);
