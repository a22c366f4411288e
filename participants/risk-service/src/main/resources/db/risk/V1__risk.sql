-- What risk knows of a customer. A customer without a row has no standing: an operator reviews their orders.
CREATE TABLE customer_standing (
  customer_id text PRIMARY KEY,
  standing    text NOT NULL CHECK (standing IN ('TRUSTED', 'BLOCKED'))
);

-- One review per order above the review limit, whatever number of times its OrderCreated arrives: the primary
-- key is what keeps a second event for the same order (another message id) from announcing a second decision.
CREATE TABLE review (
  order_id     uuid        PRIMARY KEY,
  customer_id  text        NOT NULL,
  amount_cents bigint      NOT NULL,
  decision     text        NOT NULL CHECK (decision IN ('CLEARED', 'REJECTED', 'AWAITING_OPERATOR')),
  why          text        NOT NULL,
  reviewed_at  timestamptz NOT NULL DEFAULT now()
);
