-- Listing sagas for operators: by type or business key alone, newest first, or by last change.
CREATE INDEX saga_type_created ON saga (type, created_at);
CREATE INDEX saga_created ON saga (created_at);
CREATE INDEX saga_updated ON saga (updated_at);
CREATE INDEX saga_business_key ON saga (business_key);

-- Sagas started over the admin API, by the client's idempotency key: a retried request finds its saga.
-- The saga row is written later in the same transaction, hence the deferred reference.
CREATE TABLE saga_start_request (
  saga_type       text        NOT NULL,
  idempotency_key text        NOT NULL,
  fingerprint     text        NOT NULL,
  saga_id         uuid        NOT NULL REFERENCES saga (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by    text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (saga_type, idempotency_key)
);
