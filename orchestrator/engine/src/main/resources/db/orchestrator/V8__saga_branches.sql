-- Where a saga stands in a parallel group: one JSON object keyed by branch (step) name, each entry its status
-- (PENDING, SUCCEEDED, FAILED, TIMED_OUT, SKIPPED), attempt and when its reply is due. Null outside a group.
-- Not indexed: a branch's reply updates the row in place (HOT), as a step's does.
ALTER TABLE saga ADD COLUMN branches jsonb;
