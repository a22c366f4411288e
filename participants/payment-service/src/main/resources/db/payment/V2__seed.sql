-- The accounts every service agrees on; bob cannot afford a 2500 book, dave can afford nothing.
INSERT INTO account (id, balance_cents, credit_limit_cents, held_cents) VALUES
  ('alice', 100000000,        0, 0),
  ('carol',  50000000, 10000000, 0),
  ('bob',        2000,        0, 0),
  ('dave',          0,        0, 0);
