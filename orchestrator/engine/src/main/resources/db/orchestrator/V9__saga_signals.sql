-- Operators' signals to waiting sagas, by the client's idempotency key: a repeated request has no second effect.
-- Gone with their saga (retention purge, or any delete).
CREATE TABLE saga_signal (
  saga_id         uuid        NOT NULL REFERENCES saga (id) ON DELETE CASCADE,
  idempotency_key text        NOT NULL,
  signal          text        NOT NULL,
  requested_by    text        NOT NULL,
  requested_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (saga_id, idempotency_key)
);
