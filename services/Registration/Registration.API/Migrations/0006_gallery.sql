-- The public gallery (issue 12, capability 7; docs/decisions/0011-gallery-in-registration.md).

-- Đồng ý công bố: the authors agree that, once recognized, the title, summary, authors' names, unit, level, year
-- and field are published. Given on Mẫu 1 or later, withdrawn at any time; every initiative filed before this
-- existed has not agreed.
ALTER TABLE initiatives
    ADD COLUMN publication_consent            boolean     NOT NULL DEFAULT false,
    ADD COLUMN publication_consent_changed_at timestamptz NULL,
    ADD COLUMN publication_consent_changed_by text        NULL;
-- The gallery walks consented initiatives only, newest first: a small part of the table.
CREATE INDEX initiatives_consented_id ON initiatives (id) WHERE publication_consent;
-- The open data's modification date reads the latest consent change without scanning every registration.
CREATE INDEX initiatives_consent_changed ON initiatives (publication_consent_changed_at) WHERE publication_consent_changed_at IS NOT NULL;
-- Recognized at some level: the gallery's other condition, looked up per consented initiative.
CREATE INDEX initiative_appraisal_recognized ON initiative_appraisal (initiative_id, level) WHERE decision = 'recognized';

-- Nhân rộng: a unit reports applying a published initiative, once per unit (an organization, or a Front committee
-- named by its administrative unit), where and since when, with its results.
CREATE TABLE initiative_replications (
    id                      uuid        PRIMARY KEY,
    initiative_id           uuid        NOT NULL REFERENCES initiatives (id),
    unit_key                text        NOT NULL,
    organization_id         uuid        NULL REFERENCES organizations (id),
    unit_name               text        NOT NULL,
    province_code           text        NOT NULL REFERENCES administrative_units (code),
    commune_code            text        NOT NULL REFERENCES administrative_units (code),
    since                   date        NOT NULL,
    results                 text        NOT NULL,
    reported_by             text        NOT NULL,
    reported_at             timestamptz NOT NULL,
    idempotency_key         text        NULL,
    idempotency_fingerprint text        NULL,
    CONSTRAINT initiative_replications_one_per_unit UNIQUE (initiative_id, unit_key)
);
-- The same Idempotency-Key from the same person records one report, however often it is retried.
CREATE INDEX initiative_replications_reported_at ON initiative_replications (reported_at);
CREATE UNIQUE INDEX initiative_replications_idempotency ON initiative_replications (reported_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
