-- LeanSpec's "v1" chat.db: cloud sync state per conversation.
CREATE TABLE sync_metadata (
    conversation_id TEXT PRIMARY KEY,
    cloud_id TEXT,
    last_synced_at INTEGER,
    sync_status TEXT CHECK(sync_status IN ('local-only', 'synced', 'conflict', 'pending')),
    version INTEGER DEFAULT 1,
    FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE
);

PRAGMA user_version = 2;
