-- Units deducted for an order go back on hand when the order is cancelled (RESTOCKED).
ALTER TABLE reservation DROP CONSTRAINT reservation_status_check;
ALTER TABLE reservation ADD CONSTRAINT reservation_status_check
  CHECK (status IN ('RESERVED', 'RELEASED', 'DEDUCTED', 'RESTOCKED'));
