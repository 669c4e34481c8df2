-- Keyset pages of conversations (most recently updated first, then by id) and of a conversation's
-- messages (in time order, then by id) read straight off these indexes instead of sorting.
CREATE INDEX idx_conversations_updated_id ON conversations(updated_at, id);
CREATE INDEX idx_messages_conversation_time_id ON messages(conversation_id, timestamp, id);

PRAGMA user_version = 4;
