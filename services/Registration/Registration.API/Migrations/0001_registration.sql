-- Administrative units are data: a reorganization retires units and adds new ones, and records keep
-- the unit they were filed under.
CREATE TABLE administrative_units (
    code        text        PRIMARY KEY,
    name        text        NOT NULL,
    level       text        NOT NULL CHECK (level IN ('province', 'commune')),
    unit_type   text        NOT NULL,
    parent_code text        NULL REFERENCES administrative_units (code),
    retired_at  timestamptz NULL
);
CREATE INDEX administrative_units_parent ON administrative_units (parent_code);

-- Units (cơ quan, đơn vị, doanh nghiệp…) and member organizations of the Front, with their parents.
CREATE TABLE organizations (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL,
    kind          text        NOT NULL,
    province_code text        NOT NULL REFERENCES administrative_units (code),
    commune_code  text        NULL REFERENCES administrative_units (code),
    parent_id     uuid        NULL REFERENCES organizations (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text        NOT NULL
);

-- A campaign (đợt thi đua) is a year for a scope: a province, or national when province_code is null.
CREATE TABLE campaigns (
    id                     uuid        PRIMARY KEY,
    year                   integer     NOT NULL,
    name                   text        NOT NULL,
    province_code          text        NULL REFERENCES administrative_units (code),
    registration_closes_at timestamptz NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    created_by             text        NOT NULL
);

CREATE TABLE initiatives (
    id               uuid        PRIMARY KEY,
    campaign_id      uuid        NOT NULL REFERENCES campaigns (id),
    title            text        NOT NULL,
    kind             text        NOT NULL,
    summary          text        NULL,
    organization_id  uuid        NOT NULL REFERENCES organizations (id),
    province_code    text        NOT NULL REFERENCES administrative_units (code),
    commune_code     text        NOT NULL REFERENCES administrative_units (code),
    status           text        NOT NULL,
    registered_by    text        NOT NULL,
    contact_name     text        NOT NULL,
    contact_email    text        NULL,
    idempotency_key  text        NULL,
    registered_at    timestamptz NOT NULL DEFAULT now()
);
-- The same Idempotency-Key from the same person creates one initiative, however often it is retried.
CREATE UNIQUE INDEX initiatives_idempotency ON initiatives (registered_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX initiatives_campaign_area ON initiatives (campaign_id, province_code, commune_code);

CREATE TABLE initiative_authors (
    initiative_id        uuid    NOT NULL REFERENCES initiatives (id),
    ordinal              integer NOT NULL,
    full_name            text    NOT NULL,
    email                text    NULL,
    is_lead              boolean NOT NULL,
    contribution_percent integer NOT NULL,
    PRIMARY KEY (initiative_id, ordinal)
);

-- Every status change, with who and when.
CREATE TABLE initiative_status_history (
    initiative_id uuid        NOT NULL REFERENCES initiatives (id),
    status        text        NOT NULL,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    changed_by    text        NOT NULL,
    note          text        NULL
);
CREATE INDEX initiative_status_history_initiative ON initiative_status_history (initiative_id, changed_at);
