-- Tùy chọn nhận thông báo: one row per person (the token's subject) who saved any. No row: the defaults (e-mail for every
-- category, SMS and Zalo off, each notice at once). channels maps a category to the outbound channels it may use
-- ({"registration": ["email", "sms"]}); a category absent from it keeps the default. email is the account's address
-- when they saved, so that letters addressed by e-mail alone (account letters) find the person's preferences.
CREATE TABLE notification_preferences (
    person_id   text        PRIMARY KEY,
    email       text        NULL,
    phone       text        NULL CHECK (phone ~ '^\+84[0-9]{9}$'),
    channels    jsonb       NOT NULL DEFAULT '{}',
    digest      text        NOT NULL DEFAULT 'immediate' CHECK (digest IN ('immediate', 'daily', 'weekly')),
    quiet_from  time        NULL,
    quiet_until time        NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((quiet_from IS NULL) = (quiet_until IS NULL))
);
CREATE INDEX notification_preferences_email ON notification_preferences (email) WHERE email IS NOT NULL;

-- Lịch tổng hợp: a person's digest for one sending time (07:30 Vietnam time), a leased queue (status, next_attempt_at,
-- lease_until) so that exactly one replica sends it; its notices wait in digest_items. The digest is marked sent in the
-- same transaction that queues its one delivery.
CREATE TABLE digests (
    id              uuid        PRIMARY KEY,
    recipient_id    text        NOT NULL,
    recipient_name  text        NOT NULL,
    email           text        NULL,
    phone           text        NULL,
    frequency       text        NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    sends_at        timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz NULL,
    last_error      text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz NULL,
    UNIQUE (recipient_id, sends_at)
);
CREATE INDEX digests_pending ON digests (next_attempt_at) WHERE status = 'pending';
CREATE INDEX digests_leased ON digests (lease_until) WHERE status = 'sending';

CREATE TABLE digest_items (
    id              uuid        PRIMARY KEY,
    digest_id       uuid        NOT NULL REFERENCES digests (id),
    notification_id uuid        NULL REFERENCES notifications (id),
    kind            text        NOT NULL,
    category        text        NOT NULL,
    title           text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX digest_items_digest ON digest_items (digest_id, created_at);

-- The inbox is paged by (created_at, id) and counted unread per recipient.
CREATE INDEX notifications_recipient_page ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL;
