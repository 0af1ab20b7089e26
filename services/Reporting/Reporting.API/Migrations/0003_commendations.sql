-- Khen thưởng, counted from awards' events: one row per recipient of an issued decision, filed under the recipient's
-- area and the issuing body's level; a revoked or superseded decision's rows stop counting (revoked = true).
CREATE TABLE commendation_facts (
    recipient_id      uuid        PRIMARY KEY,
    decision_id       uuid        NOT NULL,
    level             text        NOT NULL,
    award_type_code   text        NOT NULL,
    award_type_name   text        NOT NULL,
    kind              text        NOT NULL,
    province_code     text        NOT NULL,
    commune_code      text        NULL,
    organization_name text        NULL,
    decision_date     date        NOT NULL,
    revoked           boolean     NOT NULL DEFAULT false
);
CREATE INDEX commendation_facts_area ON commendation_facts (province_code, commune_code, decision_date);
