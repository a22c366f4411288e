-- The sample's borrowers; each saga path of run-e2e comes from one of them.
INSERT INTO borrower (id, credit_limit_cents, outstanding_cents, status) VALUES
  ('ada',   500000,      0, 'ACTIVE'),    -- 5,000.00 of credit: gets what she asks for
  ('bo',    100000,  40000, 'ACTIVE'),    -- owes 400.00 of 1,000.00: a loan is cut to 600.00
  ('cy',    300000,      0, 'BLOCKED'),   -- no loan at all
  ('dee', 10000000,      0, 'ACTIVE'),    -- 100,000.00 of credit, more than the lending pool holds
  ('eve',   200000,      0, 'ACTIVE');    -- credit is fine, but her payout account is frozen (ledger)
