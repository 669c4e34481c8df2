ALTER TABLE sessions ADD COLUMN prompt text;

CREATE TABLE session_specs (
    session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    spec_id text NOT NULL,
    position bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, spec_id)
);

CREATE INDEX idx_session_specs_session ON session_specs(session_id);
CREATE INDEX idx_session_specs_spec ON session_specs(spec_id);

INSERT INTO session_specs (session_id, spec_id, position)
SELECT id, spec_id, 0 FROM sessions WHERE spec_id IS NOT NULL;
