-- Read model built from appraisal events. One row per initiative and council level rather than a counter, so that
-- a decision announced twice (even under two event ids) counts once, and an initiative decided at province and
-- then at central level counts once at each level. Counts are aggregated when read; province totals are sums
-- over their communes.
CREATE TABLE appraisal_outcomes (
    initiative_id   uuid        NOT NULL,
    council_level   text        NOT NULL CHECK (council_level IN ('commune', 'province', 'central')),
    campaign_id     uuid        NOT NULL,
    province_code   text        NOT NULL,
    commune_code    text        NOT NULL,
    recognized      boolean     NOT NULL,
    case_id         uuid        NOT NULL,
    decision_number text        NOT NULL,
    decision_date   date        NOT NULL,
    -- The event's time: a later decision at the same level (a re-appraisal) replaces an earlier one, never the reverse.
    decided_at      timestamptz NOT NULL,
    PRIMARY KEY (initiative_id, council_level)
);

CREATE INDEX appraisal_outcomes_area ON appraisal_outcomes (campaign_id, province_code, commune_code);

-- Đề cử lên cấp trên. The event names no campaign or area: those come from the decision at the level it was
-- nominated from, joined when read, so the two events may arrive in either order.
CREATE TABLE appraisal_nominations (
    initiative_id uuid        NOT NULL,
    from_level    text        NOT NULL CHECK (from_level IN ('commune', 'province')),
    to_level      text        NOT NULL CHECK (to_level IN ('province', 'central')),
    case_id       uuid        NOT NULL,
    nominated_at  timestamptz NOT NULL,
    PRIMARY KEY (initiative_id, from_level)
);
