-- One shipment per order: the unique order_id is what makes scheduling idempotent.
CREATE TABLE shipment (
  id         uuid PRIMARY KEY,
  order_id   uuid        NOT NULL UNIQUE,
  lines      jsonb       NOT NULL,
  status     text        NOT NULL CHECK (status IN ('SCHEDULED')),
  created_at timestamptz NOT NULL DEFAULT now()
);
