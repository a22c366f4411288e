-- Standings for customers of the other services' seed data (payment.account). alice has none on purpose: her
-- large orders wait for an operator, whom the demo plays with the saga's approve and reject signals; carol's
-- are cleared by the rules.
INSERT INTO customer_standing (customer_id, standing) VALUES
  ('bob',   'TRUSTED'),
  ('carol', 'TRUSTED'),
  ('dave',  'BLOCKED');
