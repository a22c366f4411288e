-- An approved order may be cancelled: the order-cancellation saga moves it from CANCELLING to CANCELLED, or
-- back to APPROVED (with the reason in cancellation_note) when the cancellation is refused.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLING', 'CANCELLED'));
ALTER TABLE orders ADD COLUMN cancellation_note text;
