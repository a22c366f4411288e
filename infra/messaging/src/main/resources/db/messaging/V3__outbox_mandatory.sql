-- Whether a row must reach a queue: published with mandatory and kept, with its error, until the broker routes it.
-- False only for a notification (nobody listening is normal), which is done once confirmed. Rows already waiting,
-- and rows an older process writes during a rolling upgrade, keep the old rule: mandatory.
ALTER TABLE outbox ADD COLUMN mandatory boolean NOT NULL DEFAULT true;
