-- Nothing queries the stored envelopes; they are only written and read back whole. As text they are stored as
-- written, without jsonb's parse and binary form on every insert. The rows in flight keep their content. An
-- older process that still writes '...'::jsonb keeps working during a rolling upgrade: jsonb is assigned to a
-- text column by its text form.
ALTER TABLE outbox ALTER COLUMN envelope TYPE text USING envelope::text;
ALTER TABLE inbox ALTER COLUMN reply_envelope TYPE text USING reply_envelope::text;
