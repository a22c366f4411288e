-- The trace a saga started in (W3C traceparent): a deadline that fires later continues it, so the resent
-- command and everything after it stay in the saga's one trace.
ALTER TABLE saga ADD COLUMN traceparent text;
