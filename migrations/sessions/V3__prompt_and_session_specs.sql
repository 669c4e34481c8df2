-- A session may now carry its prompt and work on several specs. `spec_id` stays on sessions
-- because older LeanSpec builds still write it; every existing spec_id becomes position 0.
ALTER TABLE sessions ADD COLUMN prompt TEXT;

CREATE TABLE session_specs (
    session_id TEXT NOT NULL,
    spec_id TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, spec_id),
    FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE
);

CREATE INDEX idx_session_specs_session ON session_specs(session_id);
CREATE INDEX idx_session_specs_spec ON session_specs(spec_id);

INSERT INTO session_specs (session_id, spec_id, position)
SELECT id, spec_id, 0 FROM sessions WHERE spec_id IS NOT NULL;

PRAGMA user_version = 3;
