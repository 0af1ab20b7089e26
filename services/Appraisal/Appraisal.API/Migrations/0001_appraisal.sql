-- Hồ sơ tiếp nhận: an intake record per registered initiative, the start of an appraisal case.
-- The initiative's details are copied from registration (over gRPC) when the event arrives, so that
-- appraisal never reads registration's database.
CREATE TABLE intake_records (
    initiative_id   uuid        PRIMARY KEY,
    campaign_id     uuid        NOT NULL,
    title           text        NOT NULL,
    kind            text        NOT NULL,
    organization_id uuid        NOT NULL,
    province_code   text        NOT NULL,
    commune_code    text        NOT NULL,
    author_names    text[]      NOT NULL,
    registered_at   timestamptz NOT NULL,
    opened_at       timestamptz NOT NULL DEFAULT now(),
    source_event_id uuid        NOT NULL
);
CREATE INDEX intake_records_area ON intake_records (province_code, commune_code, opened_at DESC);
