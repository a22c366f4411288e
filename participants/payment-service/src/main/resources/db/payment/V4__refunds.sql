-- A captured payment may be refunded when its order is cancelled; the refund is a ledger entry of its own.
ALTER TABLE authorization_hold DROP CONSTRAINT authorization_hold_status_check;
ALTER TABLE authorization_hold ADD CONSTRAINT authorization_hold_status_check
  CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED'));
