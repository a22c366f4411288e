-- One row per saga instance; the single writer is whoever holds its row lock.
CREATE TABLE saga (
  id                 uuid PRIMARY KEY,
  type               text        NOT NULL,
  definition_version int         NOT NULL,
  business_key       text        NOT NULL,
  status             text        NOT NULL,
  machine_state      text        NOT NULL,
  attempt            int         NOT NULL,
  data               jsonb       NOT NULL,
  failure_reason     text,
  version            bigint      NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (type, business_key)
);
CREATE INDEX saga_status ON saga (status, updated_at);

-- What happened to each saga, in order: what operators read.
CREATE TABLE saga_timeline (
  id           bigserial PRIMARY KEY,
  saga_id      uuid        NOT NULL REFERENCES saga (id),
  at           timestamptz NOT NULL DEFAULT now(),
  kind         text        NOT NULL,
  step         text,
  attempt      int,
  message_id   uuid,
  message_type text,
  detail       text
);
CREATE INDEX saga_timeline_saga ON saga_timeline (saga_id, id);
