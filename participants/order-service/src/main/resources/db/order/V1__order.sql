-- What can be ordered and at what price; an order's amount is computed from here, never taken from the client.
CREATE TABLE catalog (
  sku         text PRIMARY KEY,
  price_cents bigint NOT NULL CHECK (price_cents >= 0)
);

-- Orders as the customer placed them; the order-fulfilment saga moves them from PENDING to APPROVED or REJECTED.
CREATE TABLE orders (
  id               uuid PRIMARY KEY,
  customer_id      text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  rejection_reason text,
  lines            jsonb       NOT NULL,
  amount_cents     bigint      NOT NULL CHECK (amount_cents >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer ON orders (customer_id);
