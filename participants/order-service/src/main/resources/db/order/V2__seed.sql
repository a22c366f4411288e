-- Prices agreed with the other services' seed data (same SKUs as inventory.stock).
INSERT INTO catalog (sku, price_cents) VALUES
  ('SKU-BOOK', 2500),
  ('SKU-MUG', 1200),
  ('SKU-RARE', 9900),
  ('SKU-DAMAGED', 4500),
  ('SKU-RECOUNT', 3000);
