-- Sách vàng Sáng tạo Việt Nam (the Golden Book): one edition (ấn bản) per year, its nominations (đề cử) of nationally
-- recognized works, the central selection council's ballot (bỏ phiếu) and the published entries. The rules are in
-- Domain/GoldenBook*.cs; this schema only keeps what they decided.

-- Ấn bản: created by a central Front officer with the nomination due date and the number of entries (số mục).
-- state: nominating (nhận đề cử) → balloting (đang bỏ phiếu) → counted (đã kiểm phiếu) → published (đã công bố).
CREATE TABLE golden_book_editions (
    year           integer     PRIMARY KEY CHECK (year BETWEEN 1946 AND 2100),
    nomination_due date        NOT NULL,
    entries        integer     NOT NULL CHECK (entries BETWEEN 1 AND 1000),
    state          text        NOT NULL DEFAULT 'nominating' CHECK (state IN ('nominating', 'balloting', 'counted', 'published')),
    -- Seats still to fill by the officer's choice among nominations tied at the boundary (0: no tie pending).
    tie_seats      integer     NOT NULL DEFAULT 0 CHECK (tie_seats >= 0),
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    published_at   timestamptz
);

-- Đề cử: one per initiative and edition. Title and area are copied from the central recognition when nominated, so
-- that the book keeps what was nominated even if a later decision changes the candidates list.
CREATE TABLE golden_book_nominations (
    id                 uuid        PRIMARY KEY,
    year               integer     NOT NULL REFERENCES golden_book_editions (year),
    initiative_id      uuid        NOT NULL,
    title              text,
    province_code      text        NOT NULL,
    commune_code       text        NOT NULL,
    decision_number    text        NOT NULL,
    decision_date      date        NOT NULL,
    reason             text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    nominator_id       text        NOT NULL,
    nominator_name     text,
    nominator_role     text        NOT NULL,
    nominator_scope    text        NOT NULL,
    nominator_org      uuid,
    nominated_at       timestamptz NOT NULL,
    -- Filled when the ballot is closed: the votes and selected / tied / not_selected.
    votes              integer,
    outcome            text        CHECK (outcome IN ('selected', 'tied', 'not_selected')),
    UNIQUE (year, initiative_id)
);

CREATE INDEX golden_book_nominations_area ON golden_book_nominations (year, province_code);

-- Hội đồng tuyển chọn: the voters named when the ballot opens (account ids, the token's sub), fixed thereafter.
CREATE TABLE golden_book_voters (
    year       integer NOT NULL REFERENCES golden_book_editions (year),
    account_id text    NOT NULL,
    PRIMARY KEY (year, account_id)
);

-- Phiếu bầu: one per voter, final once cast; its choices one row each.
CREATE TABLE golden_book_ballots (
    year       integer     NOT NULL,
    voter_id   text        NOT NULL,
    cast_at    timestamptz NOT NULL,
    PRIMARY KEY (year, voter_id),
    FOREIGN KEY (year, voter_id) REFERENCES golden_book_voters (year, account_id)
);

CREATE TABLE golden_book_ballot_choices (
    year          integer NOT NULL,
    voter_id      text    NOT NULL,
    nomination_id uuid    NOT NULL REFERENCES golden_book_nominations (id),
    PRIMARY KEY (year, voter_id, nomination_id),
    FOREIGN KEY (year, voter_id) REFERENCES golden_book_ballots (year, voter_id)
);

-- Nhật ký Sách vàng: every act, who and when; append-only (as Identity's account_audit).
CREATE TABLE golden_book_audit (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year       integer     NOT NULL,
    action     text        NOT NULL,
    actor_id   text        NOT NULL,
    actor_name text,
    at         timestamptz NOT NULL,
    details    jsonb       NOT NULL
);

CREATE INDEX golden_book_audit_year ON golden_book_audit (year, id);

-- The service's one refusal (0003), naming the table and the operation.

CREATE TRIGGER golden_book_audit_no_update_delete BEFORE UPDATE OR DELETE ON golden_book_audit
    FOR EACH ROW EXECUTE FUNCTION awards_refuse_change();
CREATE TRIGGER golden_book_audit_no_truncate BEFORE TRUNCATE ON golden_book_audit
    FOR EACH STATEMENT EXECUTE FUNCTION awards_refuse_change();
