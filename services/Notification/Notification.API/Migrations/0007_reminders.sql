-- Nhắc hạn (docs/notification-reminders.md): deadlines as registration announced them (CampaignDeadlineSet), one per
-- campaign, kind, scope ('VN' or a province) and, for a window reopened for one unit, organization; the latest
-- announcement wins (a moved date reschedules).
CREATE TABLE reminder_deadlines (
    id              uuid        PRIMARY KEY,
    campaign_id     uuid        NOT NULL,
    campaign_name   text        NOT NULL,
    kind            text        NOT NULL,
    scope_code      text        NOT NULL,
    organization_id uuid        NULL,
    due_before      date        NOT NULL,
    closes_at       timestamptz NOT NULL,
    -- When registration set it: an older announcement arriving late changes nothing.
    announced_at    timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reminder_deadlines_key UNIQUE NULLS NOT DISTINCT (campaign_id, kind, scope_code, organization_id)
);

-- A step (D-7, D-3, D-1, D+1) of a deadline's schedule for one date, claimed with a lease by whichever replica sees it
-- due ('sending' until lease_until); steps past when announced are 'skipped', steps of a date since moved 'cancelled'.
CREATE TABLE reminder_steps (
    id              uuid        PRIMARY KEY,
    deadline_id     uuid        NOT NULL REFERENCES reminder_deadlines (id),
    step            text        NOT NULL CHECK (step IN ('d-7', 'd-3', 'd-1', 'd+1')),
    due_before      date        NOT NULL,
    fire_at         timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'cancelled', 'failed')),
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text        NULL,
    units           integer     NULL,
    done_at         timestamptz NULL,
    UNIQUE (deadline_id, step, due_before)
);
CREATE INDEX reminder_steps_due ON reminder_steps (next_attempt_at) WHERE status = 'pending';
CREATE INDEX reminder_steps_leased ON reminder_steps (lease_until) WHERE status = 'sending';

-- Sổ đã gửi: a reminder goes out once per step, recipient and unit, whatever replica or restart runs the step again; the
-- row is written in the transaction that files the notice and queues its deliveries. Escalations (one notice per
-- officer listing the late units) use the nil organization.
CREATE TABLE reminder_sent (
    step_id         uuid        NOT NULL REFERENCES reminder_steps (id),
    recipient_id    text        NOT NULL,
    organization_id uuid        NOT NULL,
    notification_id uuid        NULL,
    sent_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (step_id, recipient_id, organization_id)
);

-- Đơn vị đã thực hiện: learnt from registration's events (InitiativeRegistered, DossierSubmitted), so a step that runs
-- after a unit acted skips it even when registration's answer lags.
CREATE TABLE reminder_acted (
    campaign_id     uuid        NOT NULL,
    kind            text        NOT NULL,
    organization_id uuid        NOT NULL,
    acted_at        timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, kind, organization_id)
);
