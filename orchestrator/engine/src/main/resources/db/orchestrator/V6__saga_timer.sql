-- Every timer of a saga is a row here, not a column of the saga: today a step's deadline (STEP_DEADLINE, key '');
-- later a parallel branch's deadline (keyed by branch), the whole saga's deadline and a delayed step. The
-- scanner reads what is due from one small index, and the saga row changes only with the saga's state.
CREATE TABLE saga_timer (
  saga_id    uuid        NOT NULL REFERENCES saga (id) ON DELETE CASCADE,
  timer_kind text        NOT NULL,
  timer_key  text        NOT NULL DEFAULT '',
  due_at     timestamptz NOT NULL,
  PRIMARY KEY (saga_id, timer_kind, timer_key)
);
CREATE INDEX saga_timer_due ON saga_timer (due_at);

INSERT INTO saga_timer (saga_id, timer_kind, timer_key, due_at)
SELECT id, 'STEP_DEADLINE', '', deadline_at FROM saga
WHERE deadline_at IS NOT NULL AND status IN ('RUNNING', 'COMPENSATING');

DROP INDEX saga_deadline;
ALTER TABLE saga DROP COLUMN deadline_at;

-- A step changes machine_state, attempt, data, version and updated_at: none of them may be in an index, or the
-- update writes an entry into every index of the table instead of staying on its page (a HOT update). So
-- updated_at leaves the indexes: the status index orders by creation instead, and a list sorted by last change
-- sorts the rows its filter selects.
DROP INDEX saga_updated;
DROP INDEX saga_status;
CREATE INDEX saga_status ON saga (status, created_at);
