-- Every outbound channel (e-mail, SMS, Zalo) shares one delivery queue: a row per message and channel, claimed with a
-- lease, with the provider's id, the attempts' log, a dead-letter state operators replay, and the channels still to try
-- when this one fails (fallback). Deliveries keep the kind and values, and are rendered with the template in force when
-- sent, so an operator's edit shows in the next message.
ALTER TABLE email_deliveries RENAME TO deliveries;
ALTER INDEX email_deliveries_pending RENAME TO deliveries_pending;
ALTER INDEX email_deliveries_leased RENAME TO deliveries_leased;
ALTER TABLE deliveries RENAME COLUMN to_address TO address;
ALTER TABLE deliveries RENAME COLUMN to_name TO recipient_name;
ALTER TABLE deliveries DROP CONSTRAINT email_deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead'));
ALTER TABLE deliveries
    ADD COLUMN channel             text  NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'zalo')),
    ADD COLUMN recipient_id        text  NULL,
    ADD COLUMN kind                text  NULL,
    ADD COLUMN template_values     jsonb NULL,
    -- The channels left to try, in order, each {"channel": …, "address": …, "notBefore": …}.
    ADD COLUMN fallback            jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN fallback_of         uuid  NULL REFERENCES deliveries (id),
    ADD COLUMN provider_message_id text  NULL,
    ADD COLUMN rendered_subject    text  NULL,
    ADD COLUMN rendered_body       text  NULL;
ALTER TABLE deliveries ALTER COLUMN channel DROP DEFAULT;
-- Letters queued before templates carried their own text; new rows carry a kind and values instead.
ALTER TABLE deliveries ALTER COLUMN subject DROP NOT NULL;
ALTER TABLE deliveries ALTER COLUMN body DROP NOT NULL;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_has_content CHECK (kind IS NOT NULL OR body IS NOT NULL);
DROP INDEX deliveries_pending;
CREATE INDEX deliveries_pending ON deliveries (channel, next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_notification ON deliveries (notification_id);
CREATE INDEX deliveries_dead ON deliveries (created_at) WHERE status = 'dead';

-- Nhật ký gửi: one row per attempt, kept for operators and for the provider's id.
CREATE TABLE delivery_attempts (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id         uuid        NOT NULL REFERENCES deliveries (id),
    attempt             integer     NOT NULL,
    channel             text        NOT NULL,
    outcome             text        NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed', 'dead', 'held', 'replayed')),
    provider_message_id text        NULL,
    error               text        NULL,
    at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, id);
-- The daily quota counts what each channel sent since midnight in Vietnam.
CREATE INDEX deliveries_sent ON deliveries (channel, sent_at) WHERE status = 'sent';
