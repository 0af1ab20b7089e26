-- Hội đồng thẩm định and the cases before it (issue 4). The rules live in Domain/; these tables keep what they act on.

-- Hội đồng: one per campaign, level and scope ('VN' for the centre, a province code, or a commune code), set up by a
-- decision of the Front committee at its level. The rubric and grade bands are the council's own, frozen once the
-- first score is given (scoring_started_at).
CREATE TABLE councils (
    id                 uuid        PRIMARY KEY,
    campaign_id        uuid        NOT NULL,
    level              text        NOT NULL CHECK (level IN ('commune', 'province', 'central')),
    scope_code         text        NOT NULL,
    province_code      text        NULL,
    name               text        NOT NULL,
    decision_number    text        NOT NULL,
    decision_date      date        NOT NULL,
    decision_signer    text        NOT NULL,
    nomination_quota   integer     NULL CHECK (nomination_quota IS NULL OR nomination_quota >= 1),
    quorum_numerator   integer     NOT NULL DEFAULT 2,
    quorum_denominator integer     NOT NULL DEFAULT 3,
    rubric             jsonb       NOT NULL,
    grade_bands        jsonb       NOT NULL,
    scoring_started_at timestamptz NULL,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    UNIQUE (campaign_id, level, scope_code)
);
CREATE INDEX councils_scope ON councils (level, scope_code);

-- Thành viên hội đồng: one row per tenure; a change of role or a departure closes the tenure (left_at) and, for a
-- change, opens another, so "who was a member then" stays answerable. person_id is the same across a person's tenures.
CREATE TABLE council_members (
    id              bigserial   PRIMARY KEY,
    council_id      uuid        NOT NULL REFERENCES councils (id),
    person_id       uuid        NOT NULL,
    user_id         text        NOT NULL,
    full_name       text        NOT NULL,
    email           text        NULL,
    role            text        NOT NULL CHECK (role IN ('chair', 'vice_chair', 'secretary', 'member', 'expert')),
    organization_id uuid        NOT NULL,
    joined_at       timestamptz NOT NULL,
    left_at         timestamptz NULL,
    change_reason   text        NULL,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    CHECK (left_at IS NULL OR left_at > joined_at)
);
CREATE INDEX council_members_council ON council_members (council_id, person_id);
CREATE INDEX council_members_user ON council_members (user_id) WHERE left_at IS NULL;

-- Hồ sơ thẩm định: one initiative before one council. Opened from a submitted dossier (or a nomination from the council
-- below), screened (admitted, returned for completion, rejected), scored, decided, perhaps nominated upward.
CREATE TABLE appraisal_cases (
    id                     uuid        PRIMARY KEY,
    council_id             uuid        NOT NULL REFERENCES councils (id),
    initiative_id          uuid        NOT NULL,
    dossier_id             uuid        NOT NULL,
    dossier_version        integer     NOT NULL,
    campaign_id            uuid        NOT NULL,
    title                  text        NOT NULL,
    kind                   text        NOT NULL,
    field                  text        NULL,
    organization_id        uuid        NOT NULL,
    province_code          text        NOT NULL,
    commune_code           text        NOT NULL,
    author_org_ids         uuid[]      NOT NULL,
    submitted_by           text        NOT NULL,
    submitted_at           timestamptz NOT NULL,
    state                  text        NOT NULL CHECK (state IN ('screening', 'admitted', 'returned', 'rejected', 'decided')),
    screening              jsonb       NULL,
    duplicate_of_initiative_id uuid    NULL,
    duplicate_note         text        NULL,
    nominated_from_case_id uuid        NULL REFERENCES appraisal_cases (id),
    lower_result           jsonb       NULL,
    recognized             boolean     NULL,
    aggregate_total        numeric     NULL,
    grade                  text        NULL,
    decision_number        text        NULL,
    decision_date          date        NULL,
    published_comment      text        NULL,
    decided_at             timestamptz NULL,
    nominated_to_case_id   uuid        NULL REFERENCES appraisal_cases (id),
    opened_at              timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    UNIQUE (council_id, initiative_id)
);
CREATE INDEX appraisal_cases_council ON appraisal_cases (council_id, state, opened_at);
CREATE INDEX appraisal_cases_initiative ON appraisal_cases (initiative_id);
CREATE INDEX appraisal_cases_submitted_by ON appraisal_cases (submitted_by);

-- Phân công: which members score which case.
CREATE TABLE case_assignments (
    case_id     uuid        NOT NULL REFERENCES appraisal_cases (id),
    person_id   uuid        NOT NULL,
    assigned_at timestamptz NOT NULL,
    assigned_by text        NOT NULL,
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_assignments_person ON case_assignments (person_id);

-- Xung đột lợi ích a member declared for a case (those from the authors' organizations are found, not declared).
CREATE TABLE conflict_declarations (
    case_id     uuid        NOT NULL REFERENCES appraisal_cases (id),
    person_id   uuid        NOT NULL,
    reason      text        NULL,
    declared_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, person_id)
);

-- Phiếu chấm điểm: a member's scores for a case, editable until submitted.
CREATE TABLE score_sheets (
    case_id      uuid        NOT NULL REFERENCES appraisal_cases (id),
    person_id    uuid        NOT NULL,
    scores       jsonb       NOT NULL,
    submitted_at timestamptz NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (case_id, person_id)
);

-- Nhật ký thẩm định: every screening, assignment, score and decision. Rows are only ever added: the trigger refuses
-- any change or deletion, whoever asks.
CREATE TABLE audit_entries (
    id         bigserial   PRIMARY KEY,
    council_id uuid        NOT NULL,
    case_id    uuid        NULL,
    action     text        NOT NULL,
    actor      text        NOT NULL,
    at         timestamptz NOT NULL,
    details    jsonb       NOT NULL
);
CREATE INDEX audit_entries_council ON audit_entries (council_id, id);
CREATE INDEX audit_entries_case ON audit_entries (case_id, id) WHERE case_id IS NOT NULL;

CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

-- Who submitted each received version: the author reads their own outcome by it.
ALTER TABLE received_dossiers ADD COLUMN submitted_by text NOT NULL DEFAULT '';
