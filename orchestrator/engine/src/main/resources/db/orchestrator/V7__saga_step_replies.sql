-- The success replies a compensation is built from (SagaData): one JSON object keyed by step, only for the steps
-- that can be compensated, dropped once the saga
-- completed or was compensated. Null while there is none. Not indexed: a step's update
-- stays on its page (HOT) as before.
ALTER TABLE saga ADD COLUMN step_replies jsonb;
