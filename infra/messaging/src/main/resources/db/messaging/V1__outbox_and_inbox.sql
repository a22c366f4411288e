-- Messages waiting to be published; written in the same transaction as the state change that causes them.
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  message_id      uuid        NOT NULL,
  exchange        text        NOT NULL,
  routing_key     text        NOT NULL,
  envelope        jsonb       NOT NULL,
  body            text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id);

-- Every message handled, with the reply it produced, so a redelivery resends the reply and repeats nothing.
CREATE TABLE inbox (
  message_id        uuid PRIMARY KEY,
  message_type      text        NOT NULL,
  received_at       timestamptz NOT NULL DEFAULT now(),
  reply_exchange    text,
  reply_routing_key text,
  reply_envelope    jsonb,
  reply_body        text
);
