-- Orders placed with an Idempotency-Key: the key names one placement request, so a client that retries it (after
-- a timeout, say) gets the order it placed before. The key is claimed in the transaction that inserts the order,
-- before the order row, hence the deferred reference: a crash leaves both or neither, and a concurrent request
-- with the same key waits on the primary key until the first one commits or rolls back.
CREATE TABLE order_request (
  idempotency_key text        PRIMARY KEY,
  fingerprint     text        NOT NULL,
  order_id        uuid        NOT NULL REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
  created_at      timestamptz NOT NULL DEFAULT now()
);
