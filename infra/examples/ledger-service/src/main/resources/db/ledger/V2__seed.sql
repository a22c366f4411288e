-- 10,000.00 to lend, and the sample's payout accounts (run-e2e's paths come from these and the credit seeds).
INSERT INTO pool (id, available_cents) VALUES ('main', 1000000);

INSERT INTO payout_account (borrower_id, account_id, status) VALUES
  ('ada', 'ACC-ADA-01', 'OPEN'),
  ('bo',  'ACC-BO-01',  'OPEN'),
  ('dee', 'ACC-DEE-01', 'OPEN'),
  ('eve', 'ACC-EVE-01', 'FROZEN');   -- credit is fine, the payout is not: the reservation is released
