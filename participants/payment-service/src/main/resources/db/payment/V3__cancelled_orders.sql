-- Orders whose payment was voided. A void can overtake its own authorization (a resent or redelivered
-- command, two consumers); an authorization arriving after the void is declined instead of holding money
-- that nothing would ever release.
CREATE TABLE cancelled_order (
  order_id     uuid PRIMARY KEY,
  cancelled_at timestamptz NOT NULL DEFAULT now()
);
