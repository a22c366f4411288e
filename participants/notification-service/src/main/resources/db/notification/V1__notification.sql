-- Messages for customers, one per finished saga (the inbox keeps a redelivered event from adding another).
CREATE TABLE notification (
  id            bigserial PRIMARY KEY,
  saga_id       uuid        NOT NULL,
  saga_type     text        NOT NULL,
  business_key  text,
  outcome       text        NOT NULL,
  message       text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_saga ON notification (saga_id);
