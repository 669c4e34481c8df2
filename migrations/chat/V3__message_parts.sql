-- A message's structured parts (tool calls, attachments, ...) as JSON text; NULL for older rows.
ALTER TABLE messages ADD COLUMN parts TEXT;

PRAGMA user_version = 3;
