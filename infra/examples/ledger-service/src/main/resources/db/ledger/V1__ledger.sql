-- The lending pool. Money is available, reserved for a loan, or disbursed; the three add up to what was paid in.
CREATE TABLE pool (
  id              text   PRIMARY KEY,
  available_cents bigint NOT NULL CHECK (available_cents >= 0),
  reserved_cents  bigint NOT NULL DEFAULT 0 CHECK (reserved_cents >= 0),
  disbursed_cents bigint NOT NULL DEFAULT 0 CHECK (disbursed_cents >= 0)
);

-- What each loan holds of the pool. A RELEASED row without a reservation is a tombstone: the release came first
-- (the saga gave the reservation up before its reply), and a reservation arriving later is refused.
CREATE TABLE reservation (
  loan_id        uuid        PRIMARY KEY,
  reservation_id uuid        UNIQUE,
  amount_cents   bigint      NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
  status         text        NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'DISBURSED')),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Where each borrower's loans are paid; only an OPEN account takes a payout.
CREATE TABLE payout_account (
  borrower_id text PRIMARY KEY,
  account_id  text NOT NULL UNIQUE,
  status      text NOT NULL CHECK (status IN ('OPEN', 'FROZEN', 'CLOSED'))
);

-- Every payout, once per loan.
CREATE TABLE disbursement (
  disbursement_id uuid        PRIMARY KEY,
  loan_id         uuid        NOT NULL UNIQUE REFERENCES reservation (loan_id),
  account_id      text        NOT NULL REFERENCES payout_account (account_id),
  amount_cents    bigint      NOT NULL CHECK (amount_cents > 0),
  disbursed_at    timestamptz NOT NULL DEFAULT now()
);
