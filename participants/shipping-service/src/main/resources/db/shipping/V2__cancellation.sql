-- A shipment leaves the warehouse (DISPATCHED) or is cancelled before it does (CANCELLED).
ALTER TABLE shipment DROP CONSTRAINT shipment_status_check;
ALTER TABLE shipment ADD CONSTRAINT shipment_status_check
  CHECK (status IN ('SCHEDULED', 'DISPATCHED', 'CANCELLED'));
ALTER TABLE shipment ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
