ALTER TABLE messages ADD COLUMN parts text;
