-- The borrowers the credit service knows. What one may still borrow is its limit less what it owes.
CREATE TABLE borrower (
  id                 text   PRIMARY KEY,
  credit_limit_cents bigint NOT NULL CHECK (credit_limit_cents >= 0),
  outstanding_cents  bigint NOT NULL DEFAULT 0 CHECK (outstanding_cents >= 0),
  status             text   NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'BLOCKED'))
);

-- Every answer given, one per loan.
CREATE TABLE credit_check (
  loan_id     uuid        PRIMARY KEY,
  borrower_id text        NOT NULL,
  asked_cents bigint      NOT NULL,
  decision    text        NOT NULL,
  checked_at  timestamptz NOT NULL DEFAULT now()
);
