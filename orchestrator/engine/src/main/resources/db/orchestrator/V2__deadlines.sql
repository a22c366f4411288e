-- When the current step's reply is due; the deadline scanner acts on sagas past it.
ALTER TABLE saga ADD COLUMN deadline_at timestamptz;
CREATE INDEX saga_deadline ON saga (deadline_at) WHERE deadline_at IS NOT NULL;
