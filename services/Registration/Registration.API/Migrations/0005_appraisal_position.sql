-- Where an initiative stands in appraisal, per council level, as the appraisal events tell it. Each event records
-- its own fact here whatever order the events arrive in (a nomination and the upper council's case-opened event
-- race), and the level and stage an author sees are derived from all of them together: the highest level reached,
-- and there the furthest stage (decided, returned for a version not yet resubmitted, under appraisal, nominated).
CREATE TABLE initiative_appraisal (
    initiative_id    uuid        NOT NULL REFERENCES initiatives (id),
    level            text        NOT NULL CHECK (level IN ('commune', 'province', 'central')),
    nominated_at     timestamptz NULL,
    opened_version   integer     NULL,
    returned_version integer     NULL,
    decision         text        NULL CHECK (decision IN ('recognized', 'not_recognized')),
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (initiative_id, level)
);
