-- Thống kê / Statistics (issue 13, capabilities 1 and 6): facts kept from events, a pre-aggregated cube, and the event history
-- the read models are rebuilt from (operator command rebuild-read-models).

-- Lịch sử sự kiện: every event reporting consumed, in the order it was applied, written in the consumer's transaction.
CREATE TABLE event_history (
    seq         bigserial   PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    event_type  text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per initiative, its current state. Days are Vietnam's (Asia/Ho_Chi_Minh). The dimensions are as the latest event
-- gave them; the unit is as filed (the code in force when it was registered). structure_from says which structure that
-- code belongs to: '2000-01-01' (before 1 July 2025) or '2025-07-01'; codes are reused across structures.
CREATE TABLE initiative_facts (
    initiative_id          uuid        PRIMARY KEY,
    campaign_id            uuid        NOT NULL,
    kind                   text        NULL,
    content_type           text        NULL,
    movement_area          text        NULL,
    field                  text        NULL,
    status                 text        NOT NULL,
    organization_id        uuid        NULL,
    member_organization_id uuid        NULL,
    province_code          text        NOT NULL,
    commune_code           text        NOT NULL,
    structure_from         date        NOT NULL DEFAULT DATE '2025-07-01',
    registered_on          date        NULL,
    confirmed_on           date        NULL,
    dossier_on             date        NULL,
    recognized_commune_on  date        NULL,
    recognized_province_on date        NULL,
    recognized_central_on  date        NULL,
    nominated_on           date        NULL,
    commended_on           date        NULL,
    replications           int         NOT NULL DEFAULT 0,
    -- The latest status event applied: an older one arriving late does not move the status back.
    status_at              timestamptz NULL
);
CREATE INDEX initiative_facts_organization ON initiative_facts (organization_id);
CREATE INDEX initiative_facts_area ON initiative_facts (province_code, commune_code);

-- Nhân rộng: one row per replication report, counted under the initiative's own unit in the month applying began.
CREATE TABLE replication_facts (
    replication_id uuid PRIMARY KEY,
    initiative_id  uuid NOT NULL,
    province_code  text NOT NULL,
    commune_code   text NOT NULL,
    since          date NOT NULL
);
CREATE INDEX replication_facts_initiative ON replication_facts (initiative_id);

-- Which initiative a commendation recipient was commended for (commended_on is derived from it; a revoked one stops counting).
ALTER TABLE commendation_facts ADD COLUMN initiative_id uuid NULL;
CREATE INDEX commendation_facts_initiative ON commendation_facts (initiative_id) WHERE initiative_id IS NOT NULL;

-- The cube: how many initiatives reached a measure (registered, confirmed, …) in a month, by unit as filed and every
-- dimension but the organization. Kept by delta: a changed fact takes its old contributions out and puts its new ones in,
-- so a roll-up reads a few thousand rows rather than the facts. A province's figure is the sum over its communes.
CREATE TABLE initiative_stats (
    campaign_id            uuid   NOT NULL,
    measure                text   NOT NULL,
    month                  date   NOT NULL,
    province_code          text   NOT NULL,
    commune_code           text   NOT NULL,
    structure_from         date   NOT NULL,
    kind                   text   NULL,
    content_type           text   NULL,
    movement_area          text   NULL,
    field                  text   NULL,
    status                 text   NOT NULL,
    member_organization_id uuid   NULL,
    n                      bigint NOT NULL,
    CONSTRAINT initiative_stats_key UNIQUE NULLS NOT DISTINCT (campaign_id, measure, month, province_code, commune_code, structure_from, kind,
                                                             content_type, movement_area, field, status, member_organization_id)
);
CREATE INDEX initiative_stats_month ON initiative_stats (month, province_code);
CREATE INDEX initiative_stats_province ON initiative_stats (province_code, month);

-- Each fact's contributions: one row per measure it reached, on the day it reached it (and one per replication). The cube is
-- this view summed by month; a query over an organization, or over part of a month, reads the view itself.
-- models_built: a registered initiative of kind mo_hinh (Mô hình "Đoàn kết sáng tạo"), the only place the platform records one.
CREATE VIEW initiative_contributions AS
SELECT f.initiative_id, f.campaign_id, m.measure, m.on_day, f.province_code, f.commune_code, f.structure_from, f.kind, f.content_type,
       f.movement_area, f.field, f.status, f.member_organization_id, f.organization_id
FROM initiative_facts f
CROSS JOIN LATERAL (VALUES
    ('registered', f.registered_on),
    ('models_built', CASE WHEN f.kind = 'mo_hinh' THEN f.registered_on END),
    ('confirmed', f.confirmed_on),
    ('dossier', f.dossier_on),
    ('recognized_commune', f.recognized_commune_on),
    ('recognized_province', f.recognized_province_on),
    ('recognized_central', f.recognized_central_on),
    ('nominated', f.nominated_on),
    ('commended', f.commended_on)) AS m (measure, on_day)
WHERE m.on_day IS NOT NULL
UNION ALL
SELECT f.initiative_id, f.campaign_id, 'replicated', r.since, f.province_code, f.commune_code, f.structure_from, f.kind, f.content_type,
       f.movement_area, f.field, f.status, f.member_organization_id, f.organization_id
FROM replication_facts r
JOIN initiative_facts f ON f.initiative_id = r.initiative_id;
