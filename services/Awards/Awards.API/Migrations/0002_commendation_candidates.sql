-- Danh sách đề nghị khen thưởng: initiatives a council recognized, one row per initiative and level (a repeated
-- decision is one candidate; recognition at province then central is a candidate at each). The award types a
-- candidate is eligible for are read from award_types when listed, so an operator's change applies at once.
CREATE TABLE commendation_candidates (
    -- Arrival order, only to page the list stably among candidates decided on the same day.
    id              bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    initiative_id   uuid        NOT NULL,
    level           text        NOT NULL CHECK (level IN ('commune', 'province', 'central')),
    title           text,
    campaign_id     uuid        NOT NULL,
    province_code   text        NOT NULL,
    commune_code    text        NOT NULL,
    case_id         uuid        NOT NULL,
    council_id      uuid        NOT NULL,
    decision_number text        NOT NULL,
    decision_date   date        NOT NULL,
    aggregate_score numeric,
    grade           text,
    decided_at      timestamptz NOT NULL,
    PRIMARY KEY (initiative_id, level)
);

CREATE INDEX commendation_candidates_area ON commendation_candidates (campaign_id, province_code, commune_code, level);
CREATE INDEX commendation_candidates_order ON commendation_candidates (decision_date DESC, id DESC);
