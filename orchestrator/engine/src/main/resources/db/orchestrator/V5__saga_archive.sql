-- Where the retention job (saga.retention.mode=archive) moves finished sagas past their age, with their
-- timelines. No foreign keys and no indexes beyond the keys: written in batches, read rarely.
CREATE TABLE saga_archive (
  id                 uuid PRIMARY KEY,
  type               text        NOT NULL,
  definition_version int         NOT NULL,
  business_key       text        NOT NULL,
  status             text        NOT NULL,
  machine_state      text        NOT NULL,
  attempt            int         NOT NULL,
  data               jsonb       NOT NULL,
  failure_reason     text,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  archived_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE saga_timeline_archive (
  id           bigint PRIMARY KEY,
  saga_id      uuid        NOT NULL,
  at           timestamptz NOT NULL,
  kind         text        NOT NULL,
  step         text,
  attempt      int,
  message_id   uuid,
  message_type text,
  detail       text
);
CREATE INDEX saga_timeline_archive_saga ON saga_timeline_archive (saga_id, id);
