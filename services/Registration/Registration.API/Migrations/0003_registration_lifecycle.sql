-- Registration, confirmation (Mẫu 2) and recognition dossiers (Mẫu 3, Mẫu 4): the whole lifecycle.

-- Administrative units: a reorganization retires a unit or merges it into another; records keep the
-- code they were filed under and are found again through the unit they were merged into.
ALTER TABLE administrative_units
    ADD COLUMN merged_into_code text NULL REFERENCES administrative_units (code),
    ADD COLUMN retired_reason   text NULL,
    -- 'list' for units from the shipped list (the seeder keeps them in step); 'operator' for units added by hand.
    ADD COLUMN source           text NOT NULL DEFAULT 'list' CHECK (source IN ('list', 'operator'));
CREATE INDEX administrative_units_merged_into ON administrative_units (merged_into_code) WHERE merged_into_code IS NOT NULL;

-- Organizations sit under parents (grassroots union → upper-level union → provincial federation).
ALTER TABLE organizations ADD COLUMN short_name text NULL;
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE INDEX organizations_area ON organizations (province_code, commune_code);

-- Kế hoạch hưởng ứng: whether an organization has its movement plan for a campaign (condition 4.3).
CREATE TABLE movement_plans (
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    campaign_id     uuid        NOT NULL REFERENCES campaigns (id),
    document_number text        NOT NULL,
    issued_on       date        NOT NULL,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, campaign_id)
);

-- Campaigns: a year within a phase; deadlines per scope ('VN' for the campaign's own, or a province code).
ALTER TABLE campaigns
    ADD COLUMN phase_start_year integer NULL,
    ADD COLUMN phase_end_year   integer NULL;

CREATE TABLE campaign_deadlines (
    campaign_id uuid        NOT NULL REFERENCES campaigns (id),
    scope_code  text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('registration', 'dossier', 'appraisal', 'honouring', 'report_half_year', 'report_annual')),
    due_before  date        NOT NULL,
    closes_at   timestamptz NOT NULL,
    set_by      text        NOT NULL,
    set_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, scope_code, kind)
);
INSERT INTO campaign_deadlines (campaign_id, scope_code, kind, due_before, closes_at, set_by)
SELECT id, 'VN', 'registration', (registration_closes_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, registration_closes_at, created_by
FROM campaigns;
ALTER TABLE campaigns DROP COLUMN registration_closes_at;

-- Mở lại thời hạn: an officer reopens a window for one organization, with a reason.
CREATE TABLE deadline_extensions (
    id              uuid        PRIMARY KEY,
    campaign_id     uuid        NOT NULL REFERENCES campaigns (id),
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    kind            text        NOT NULL CHECK (kind IN ('registration', 'dossier')),
    due_before      date        NOT NULL,
    closes_at       timestamptz NOT NULL,
    reason          text        NOT NULL,
    granted_by      text        NOT NULL,
    granted_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deadline_extensions_lookup ON deadline_extensions (campaign_id, organization_id, kind);

-- Initiatives: the rest of Mẫu 1, the lifecycle, and a diacritic-free search document.
ALTER TABLE initiatives
    ADD COLUMN content_type           text        NULL,
    ADD COLUMN movement_area          text        NULL,
    ADD COLUMN field                  text        NULL,
    ADD COLUMN expected_scope         text        NULL,
    ADD COLUMN submitted_at           timestamptz NULL,
    ADD COLUMN updated_at             timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN row_version            integer     NOT NULL DEFAULT 1,
    ADD COLUMN confirmed_by_org_id    uuid        NULL REFERENCES organizations (id),
    ADD COLUMN recognized_level       text        NULL,
    ADD COLUMN search_text            text        NOT NULL DEFAULT '',
    ADD COLUMN search_document        tsvector    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
UPDATE initiatives SET submitted_at = registered_at, search_text = lower(title);
CREATE INDEX initiatives_search ON initiatives USING gin (search_document);
-- Keyset paging: ids are UUIDv7, so id order is creation order; each filter has an index ending in id.
CREATE INDEX initiatives_campaign_id ON initiatives (campaign_id, id);
CREATE INDEX initiatives_province_id ON initiatives (province_code, id);
CREATE INDEX initiatives_commune_id ON initiatives (commune_code, id);
CREATE INDEX initiatives_organization_id ON initiatives (organization_id, id);
CREATE INDEX initiatives_status_id ON initiatives (status, id);
CREATE INDEX initiatives_registered_by_id ON initiatives (registered_by, id);

ALTER TABLE initiative_authors
    ADD COLUMN organization_id uuid NULL REFERENCES organizations (id),
    ADD COLUMN position        text NULL;
UPDATE initiative_authors a SET organization_id = i.organization_id FROM initiatives i WHERE i.id = a.initiative_id;

ALTER TABLE initiative_status_history
    ADD COLUMN id          bigint GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN from_status text NULL;

-- Mẫu 2: the consolidated, confirmed list an organization forwards up.
CREATE TABLE confirmation_lists (
    id                 uuid        PRIMARY KEY,
    campaign_id        uuid        NOT NULL REFERENCES campaigns (id),
    organization_id    uuid        NOT NULL REFERENCES organizations (id),
    forwarded_to_id    uuid        NULL REFERENCES organizations (id),
    note               text        NULL,
    created_by         text        NOT NULL,
    created_by_name    text        NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX confirmation_lists_org ON confirmation_lists (organization_id, campaign_id);
CREATE TABLE confirmation_list_items (
    list_id       uuid    NOT NULL REFERENCES confirmation_lists (id),
    initiative_id uuid    NOT NULL REFERENCES initiatives (id),
    ordinal       integer NOT NULL,
    PRIMARY KEY (list_id, initiative_id)
);
-- An initiative is forwarded in one list by a given organization, however often the officer clicks.
CREATE TABLE confirmation_forwarded (
    organization_id uuid NOT NULL REFERENCES organizations (id),
    initiative_id   uuid NOT NULL REFERENCES initiatives (id),
    list_id         uuid NOT NULL REFERENCES confirmation_lists (id),
    PRIMARY KEY (organization_id, initiative_id)
);

-- Hồ sơ đề nghị công nhận: the working copy of Mẫu 3 and Mẫu 4, and every submitted version.
CREATE TABLE dossiers (
    id                   uuid        PRIMARY KEY,
    initiative_id        uuid        NOT NULL UNIQUE REFERENCES initiatives (id),
    state                text        NOT NULL CHECK (state IN ('draft', 'submitted', 'returned')),
    current_version      integer     NOT NULL DEFAULT 0,
    content              jsonb       NOT NULL DEFAULT '{}'::jsonb,
    return_reason        text        NULL,
    returned_at          timestamptz NULL,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    row_version          integer     NOT NULL DEFAULT 1
);

CREATE TABLE dossier_attachments (
    id          uuid        PRIMARY KEY,
    dossier_id  uuid        NOT NULL REFERENCES dossiers (id),
    kind        text        NOT NULL CHECK (kind IN ('cover_letter', 'application', 'description', 'supporting')),
    file_name   text        NOT NULL,
    media_type  text        NOT NULL,
    size_bytes  bigint      NOT NULL,
    sha256      text        NOT NULL,
    storage_key text        NOT NULL,
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    -- Removed from the working copy; the content stays for the versions that included it.
    removed_at  timestamptz NULL
);
CREATE INDEX dossier_attachments_dossier ON dossier_attachments (dossier_id);

CREATE TABLE dossier_versions (
    dossier_id     uuid        NOT NULL REFERENCES dossiers (id),
    version        integer     NOT NULL,
    content        jsonb       NOT NULL,
    attachment_ids uuid[]      NOT NULL,
    submitted_by   text        NOT NULL,
    submitted_at   timestamptz NOT NULL,
    returned_at    timestamptz NULL,
    return_reason  text        NULL,
    PRIMARY KEY (dossier_id, version)
);
