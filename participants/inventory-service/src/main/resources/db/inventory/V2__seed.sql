-- The catalogue every service agrees on; RARE is always out of stock, DAMAGED and RECOUNT cannot be picked.
INSERT INTO stock (sku, on_hand, reserved, deducted, warehouse_status) VALUES
  ('SKU-BOOK',    100000, 0, 0, 'OK'),
  ('SKU-MUG',      50000, 0, 0, 'OK'),
  ('SKU-RARE',         0, 0, 0, 'OK'),
  ('SKU-DAMAGED', 100000, 0, 0, 'DAMAGED'),
  ('SKU-RECOUNT', 100000, 0, 0, 'RECOUNT');
