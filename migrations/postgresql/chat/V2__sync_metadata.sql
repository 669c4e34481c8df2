CREATE TABLE sync_metadata (
    conversation_id text PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    cloud_id text,
    last_synced_at bigint,
    sync_status text CHECK(sync_status IN ('local-only', 'synced', 'conflict', 'pending')),
    version bigint DEFAULT 1
);
