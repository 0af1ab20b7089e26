-- The in-app inbox: what each person is told.
CREATE TABLE notifications (
    id              uuid        PRIMARY KEY,
    recipient_id    text        NOT NULL,
    kind            text        NOT NULL,
    title           text        NOT NULL,
    body            text        NOT NULL,
    subject_id      uuid        NULL,
    source_event_id uuid        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz NULL
);
CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at DESC);

-- E-mail deliveries, sent by a background sender with retries; status is kept for operators.
CREATE TABLE email_deliveries (
    id              uuid        PRIMARY KEY,
    notification_id uuid        NOT NULL REFERENCES notifications (id),
    to_address      text        NOT NULL,
    to_name         text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz NULL
);
CREATE INDEX email_deliveries_pending ON email_deliveries (next_attempt_at) WHERE status = 'pending';
