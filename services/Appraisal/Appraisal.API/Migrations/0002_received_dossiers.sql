-- Hồ sơ đề nghị công nhận received from registration: one row per submitted version, with the content
-- read over gRPC when the event arrives. Appraisal cases (issue 4) are opened from these.
CREATE TABLE received_dossiers (
    dossier_id       uuid        NOT NULL,
    version          integer     NOT NULL,
    initiative_id    uuid        NOT NULL,
    campaign_id      uuid        NOT NULL,
    title            text        NOT NULL,
    kind             text        NOT NULL,
    field            text        NULL,
    organization_id  uuid        NOT NULL,
    province_code    text        NOT NULL,
    commune_code     text        NOT NULL,
    author_org_ids   uuid[]      NOT NULL,
    solution         text        NOT NULL,
    novelty          text        NOT NULL,
    attachment_count integer     NOT NULL,
    submitted_at     timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    source_event_id  uuid        NOT NULL,
    PRIMARY KEY (dossier_id, version)
);
CREATE INDEX received_dossiers_area ON received_dossiers (province_code, received_at DESC);
