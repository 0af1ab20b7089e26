-- Hội nghị sơ kết, tổng kết (review conferences, seed 004): the plan a Front committee makes for a campaign, whom it
-- invites, the contributions (tham luận) it assigns, the exhibits each invited unit brings, and the commendation
-- proposals each invited organization makes within the host's quota, forwarded once to awards.
CREATE TABLE review_conferences (
    id              uuid        PRIMARY KEY,
    campaign_id     uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('so_ket', 'tong_ket')),
    title           text        NOT NULL,
    starts_at       timestamptz NOT NULL,
    place           text        NOT NULL,
    host_name       text        NOT NULL,
    host_province   text        NULL,          -- the host Front committee's area: none = the centre
    host_commune    text        NULL,
    participants    jsonb       NOT NULL,      -- [{name, role, email}]: people invited by name or role (thành phần)
    status          text        NOT NULL CHECK (status IN ('planned', 'cancelled')),
    cancel_reason   text        NULL,
    forwarded_at    timestamptz NULL,          -- commendation proposals sent to awards (once)
    forwarded_by    text        NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX review_conferences_host ON review_conferences (host_province, host_commune, starts_at);

CREATE TABLE conference_invitees (
    conference_id     uuid    NOT NULL REFERENCES review_conferences (id),
    organization_id   uuid    NOT NULL,
    organization_name text    NOT NULL,
    quota             integer NOT NULL DEFAULT 0 CHECK (quota >= 0),   -- commendation proposals it may make
    PRIMARY KEY (conference_id, organization_id)
);
CREATE INDEX conference_invitees_organization ON conference_invitees (organization_id);

CREATE TABLE conference_contributions (
    id              uuid        PRIMARY KEY,
    conference_id   uuid        NOT NULL REFERENCES review_conferences (id),
    organization_id uuid        NOT NULL,
    topic           text        NOT NULL,
    page_limit      integer     NOT NULL CHECK (page_limit > 0),
    due_on          date        NOT NULL,      -- last day, Vietnam's time
    submitted_at    timestamptz NULL,          -- the first file's arrival: on time if before (due_on + 1) 00:00 Asia/Ho_Chi_Minh
    created_at      timestamptz NOT NULL,
    FOREIGN KEY (conference_id, organization_id) REFERENCES conference_invitees (conference_id, organization_id)
);

CREATE TABLE conference_contribution_files (
    id              uuid        PRIMARY KEY,
    contribution_id uuid        NOT NULL REFERENCES conference_contributions (id),
    file_name       text        NOT NULL,
    media_type      text        NOT NULL,
    size            bigint      NOT NULL,
    sha256          text        NOT NULL,
    storage_key     text        NOT NULL,
    uploaded_by     text        NOT NULL,
    uploaded_at     timestamptz NOT NULL
);

CREATE TABLE conference_exhibits (
    id              uuid        PRIMARY KEY,
    conference_id   uuid        NOT NULL REFERENCES review_conferences (id),
    organization_id uuid        NOT NULL,
    name            text        NOT NULL,
    description     text        NULL,
    quantity        integer     NOT NULL CHECK (quantity > 0),
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    FOREIGN KEY (conference_id, organization_id) REFERENCES conference_invitees (conference_id, organization_id)
);

CREATE TABLE conference_nominees (
    id              uuid        PRIMARY KEY,
    conference_id   uuid        NOT NULL REFERENCES review_conferences (id),
    organization_id uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('individual', 'collective')),
    full_name       text        NOT NULL,
    position        text        NULL,
    unit_name       text        NULL,
    achievement     text        NOT NULL,
    province_code   text        NOT NULL,
    commune_code    text        NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    FOREIGN KEY (conference_id, organization_id) REFERENCES conference_invitees (conference_id, organization_id)
);

-- Nhắc hạn tham luận sent: one row per contribution, step and due date, so a reminder goes out once across restarts
-- and replicas (a moved due date gets its own steps).
CREATE TABLE conference_reminders_sent (
    contribution_id uuid        NOT NULL REFERENCES conference_contributions (id),
    days_before     integer     NOT NULL,
    due_on          date        NOT NULL,
    sent_at         timestamptz NOT NULL,
    PRIMARY KEY (contribution_id, days_before, due_on)
);
