-- Khen thưởng: the award-type catalogue kept by operators and central officers, calls for proposals with quotas,
-- proposals (tờ trình, đề nghị khen thưởng), commendation decisions (quyết định khen thưởng) with their gapless
-- numbers, recipients, certificates and the audit trail of every act.

-- Hình thức khen thưởng: who it may go to, an optional amount, and retirement (a retired type stays on old decisions).
ALTER TABLE award_types
    ADD COLUMN for_individuals boolean       NOT NULL DEFAULT true,
    ADD COLUMN for_collectives boolean       NOT NULL DEFAULT true,
    ADD COLUMN amount          numeric(14,0) NULL CHECK (amount >= 0),
    ADD COLUMN retired_at      timestamptz   NULL,
    ADD COLUMN updated_at      timestamptz   NOT NULL DEFAULT now(),
    ADD COLUMN updated_by      text          NOT NULL DEFAULT 'migration';
UPDATE award_types SET for_collectives = false WHERE code = 'nguoi_viet_dkst';

-- Đợt đề nghị khen thưởng: a deciding body asks named proposers (its member organizations, lower committees, units)
-- for at most `quota` recipients each, by a due time.
CREATE TABLE proposal_calls (
    id              uuid        PRIMARY KEY,
    body_key        text        NOT NULL,
    body_name       text        NOT NULL,
    body_province   text        NULL,
    body_commune    text        NULL,
    year            integer     NOT NULL,
    title           text        NOT NULL,
    award_type_code text        NOT NULL REFERENCES award_types (code),
    due_at          timestamptz NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_calls_body ON proposal_calls (body_key, year);

CREATE TABLE proposal_quotas (
    call_id       uuid    NOT NULL REFERENCES proposal_calls (id),
    proposer_key  text    NOT NULL,
    proposer_name text    NOT NULL,
    quota         integer NOT NULL CHECK (quota > 0),
    PRIMARY KEY (call_id, proposer_key)
);

-- One proposal per proposer and call; a returned one is corrected and sent again.
CREATE TABLE proposals (
    id            uuid        PRIMARY KEY,
    call_id       uuid        NOT NULL REFERENCES proposal_calls (id),
    proposer_key  text        NOT NULL,
    proposer_name text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('submitted', 'returned', 'accepted')),
    return_reason text        NULL,
    submitted_by  text        NOT NULL,
    submitted_at  timestamptz NOT NULL,
    decided_by    text        NULL,
    decided_at    timestamptz NULL,
    UNIQUE (call_id, proposer_key)
);

-- A recipient as a proposal or a decision names them: a person or a collective, where they are, and what for.
CREATE TABLE proposal_recipients (
    proposal_id       uuid          NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    ordinal           integer       NOT NULL,
    kind              text          NOT NULL CHECK (kind IN ('individual', 'collective')),
    full_name         text          NOT NULL,
    organization_name text          NULL,
    province_code     text          NOT NULL,
    commune_code      text          NULL,
    account_id        text          NULL,
    email             text          NULL,
    initiative_id     uuid          NULL,
    initiative_title  text          NULL,
    amount            numeric(14,0) NULL,
    PRIMARY KEY (proposal_id, ordinal)
);

-- Quyết định khen thưởng. A draft has no number; issuing gives the next number of the body's year (decision_counters,
-- in the issuing transaction: a rolled-back issue leaves no gap). Issued decisions are never edited: they are revoked
-- (thu hồi, naming the revoking decision) or superseded by a later decision.
CREATE TABLE commendation_decisions (
    id                  uuid        PRIMARY KEY,
    body_key            text        NOT NULL,
    body_name           text        NOT NULL,
    body_level          text        NOT NULL CHECK (body_level IN ('commune', 'province', 'central')),
    body_province       text        NULL,
    body_commune        text        NULL,
    status              text        NOT NULL CHECK (status IN ('draft', 'issued', 'revoked', 'superseded')),
    award_type_code     text        NOT NULL REFERENCES award_types (code),
    reason              text        NOT NULL,
    signer_name         text        NOT NULL,
    signer_position     text        NOT NULL,
    supersedes_id       uuid        NULL REFERENCES commendation_decisions (id),
    year                integer     NULL,
    number              integer     NULL,
    number_text         text        NULL,
    decision_date       date        NULL,
    issued_by           text        NULL,
    issued_at           timestamptz NULL,
    revoked_reason      text        NULL,
    revoking_number     text        NULL,
    revoked_on          date        NULL,
    superseded_by_id    uuid        NULL,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (body_key, year, number),
    CHECK ((status = 'draft') = (number IS NULL))
);
CREATE INDEX commendation_decisions_body ON commendation_decisions (body_key, created_at DESC, id DESC);
CREATE INDEX commendation_decisions_area ON commendation_decisions (body_province, body_commune, created_at DESC, id DESC);

CREATE TABLE decision_counters (
    body_key    text    NOT NULL,
    year        integer NOT NULL,
    last_number integer NOT NULL,
    PRIMARY KEY (body_key, year)
);

CREATE TABLE commendation_recipients (
    id                uuid          PRIMARY KEY,
    decision_id       uuid          NOT NULL REFERENCES commendation_decisions (id) ON DELETE CASCADE,
    ordinal           integer       NOT NULL,
    kind              text          NOT NULL CHECK (kind IN ('individual', 'collective')),
    full_name         text          NOT NULL,
    organization_name text          NULL,
    province_code     text          NOT NULL,
    commune_code      text          NULL,
    account_id        text          NULL,
    email             text          NULL,
    initiative_id     uuid          NULL,
    initiative_title  text          NULL,
    proposal_id       uuid          NULL REFERENCES proposals (id),
    amount            numeric(14,0) NULL,
    UNIQUE (decision_id, ordinal)
);
CREATE INDEX commendation_recipients_account ON commendation_recipients (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX commendation_recipients_email ON commendation_recipients (lower(email)) WHERE email IS NOT NULL;

-- One certificate per recipient of an issued decision, made in the background (a leased queue: status pending →
-- sending → ready | failed). The code is the public verification page's address: random, 100 bits, not enumerable.
-- The seal is the signed QR text; whether the certificate still holds is the decision's status.
CREATE TABLE certificates (
    -- The queue's row id (the leased-queue convention); the code is the certificate's public name.
    id              bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    code            text        PRIMARY KEY,
    recipient_id    uuid        NOT NULL UNIQUE REFERENCES commendation_recipients (id),
    decision_id     uuid        NOT NULL REFERENCES commendation_decisions (id),
    seal            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'ready', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz NULL,
    last_error      text        NULL,
    pdf             bytea       NULL,
    rendered_at     timestamptz NULL
);
CREATE INDEX certificates_decision ON certificates (decision_id);
CREATE INDEX certificates_due ON certificates (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Every act on the catalogue, calls, proposals and decisions: who, when, what. Append-only, enforced by the database.
CREATE TABLE awards_audit (
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    subject_id  text        NOT NULL,
    detail      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX awards_audit_subject ON awards_audit (subject_id, seq);

-- One refusal for every append-only table of the service (this trail, the certificate log, the Golden Book's trail).
CREATE FUNCTION awards_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER awards_audit_no_update_delete BEFORE UPDATE OR DELETE ON awards_audit
    FOR EACH ROW EXECUTE FUNCTION awards_refuse_change();
CREATE TRIGGER awards_audit_no_truncate BEFORE TRUNCATE ON awards_audit
    FOR EACH STATEMENT EXECUTE FUNCTION awards_refuse_change();
