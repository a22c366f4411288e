-- Orders whose stock was released. A release can overtake its own reservation (a resent or redelivered
-- command, two consumers); a reservation arriving after the release is refused instead of holding stock
-- that nothing would ever give back.
CREATE TABLE released_order (
  order_id    uuid PRIMARY KEY,
  released_at timestamptz NOT NULL DEFAULT now()
);
