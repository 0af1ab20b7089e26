-- The transactional outbox: a state change and the events announcing it commit together;
-- the relay publishes unsent rows in sequence order and marks them sent.
CREATE TABLE outbox_messages (
    id              uuid        PRIMARY KEY,
    sequence        bigint      GENERATED ALWAYS AS IDENTITY,
    message_type    text        NOT NULL,
    payload         jsonb       NOT NULL,
    trace_parent    text        NULL,
    trace_state     text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text        NULL,
    sent_at         timestamptz NULL
);

CREATE INDEX outbox_messages_pending ON outbox_messages (next_attempt_at, sequence) WHERE sent_at IS NULL;
CREATE INDEX outbox_messages_sent ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;

-- The inbox: a consumer records each message id in the same transaction as its effect,
-- so a redelivered message has no second effect.
CREATE TABLE inbox_messages (
    message_id  uuid        NOT NULL,
    consumer    text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
