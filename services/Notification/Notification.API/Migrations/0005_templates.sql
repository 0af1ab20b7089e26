-- Mẫu thông báo: the versions operators wrote of each kind's template on each channel. The one in force is the newest;
-- a rollback adds a version equal to an older one, so history is never rewritten. Version 0 is the shipped default
-- (no row); a version with uses_default renders the default of the running release (a rollback to it).
CREATE TABLE notification_templates (
    kind                 text        NOT NULL,
    channel              text        NOT NULL CHECK (channel IN ('in_app', 'email', 'sms', 'zalo')),
    version              integer     NOT NULL CHECK (version > 0),
    uses_default         boolean     NOT NULL DEFAULT false,
    subject              text        NULL,
    body                 text        NULL,
    -- Zalo ZNS: the template approved by Zalo whose parameters the body fills.
    provider_template_id text        NULL,
    -- A rollback: the version whose text this one restores (0: the shipped default).
    restored_from        integer     NULL,
    author_id            text        NOT NULL,
    author_name          text        NULL,
    note                 text        NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    -- The version in force is read per message: max(version) on this key is one index probe.
    PRIMARY KEY (kind, channel, version),
    CONSTRAINT notification_templates_text CHECK (uses_default OR body IS NOT NULL)
);
