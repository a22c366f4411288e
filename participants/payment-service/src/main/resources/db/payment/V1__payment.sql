-- Customer accounts. Spendable = balance + credit limit - held; a hold never exceeds what can be spent.
CREATE TABLE account (
  id                 text   PRIMARY KEY,
  balance_cents      bigint NOT NULL,
  credit_limit_cents bigint NOT NULL DEFAULT 0 CHECK (credit_limit_cents >= 0),
  held_cents         bigint NOT NULL DEFAULT 0 CHECK (held_cents >= 0),
  CONSTRAINT hold_within_spendable CHECK (held_cents <= balance_cents + credit_limit_cents)
);

-- One hold per order: authorized, then either captured (money taken) or voided (released).
CREATE TABLE authorization_hold (
  id           uuid        PRIMARY KEY,
  order_id     uuid        NOT NULL UNIQUE,
  account_id   text        NOT NULL REFERENCES account (id),
  amount_cents bigint      NOT NULL CHECK (amount_cents > 0),
  status       text        NOT NULL CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX authorization_hold_open ON authorization_hold (account_id) WHERE status = 'AUTHORIZED';

-- Every movement of money; the seeded balance plus the account's entries is its balance (negative = debit).
CREATE TABLE ledger_entry (
  id           bigserial   PRIMARY KEY,
  account_id   text        NOT NULL REFERENCES account (id),
  order_id     uuid        NOT NULL,
  amount_cents bigint      NOT NULL,
  kind         text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entry_account ON ledger_entry (account_id);
