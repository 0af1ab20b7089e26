-- Địa giới hành chính theo thời gian (the administrative hierarchy over time): every unit with the period it was in
-- force, and which unit(s) each retired unit went into. Loaded by AdminUnitSeeder (the shipped 2024 and 2025
-- structures) and by the operator command `admin-units load` (later mergers and splits). Nothing is ever deleted.
CREATE TABLE admin_units (            -- effective-dated: one row per unit per period of validity
    code        text NOT NULL,         -- official code (province 2 digits, district 3, commune 5); codes are reused across structures
    level       text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    name        text NOT NULL,         -- NFC
    unit_type   text NULL,             -- Phường, Xã, Đặc khu, Thị trấn, …
    parent_code text NULL,             -- the parent in force over the same period (2024 commune → district → province; 2025 commune → province)
    valid_from  date NOT NULL,         -- '2000-01-01' for the pre-2025 structure (the start of what we hold); '2025-07-01' for 2025
    valid_to    date NULL,             -- exclusive; NULL = in force today. Pre-2025 units: '2025-07-01'
    PRIMARY KEY (code, level, valid_from)
);
CREATE TABLE admin_unit_lineage (      -- which unit(s) each retired unit went into
    old_code          text NOT NULL,
    level             text NOT NULL,   -- 'province' or 'commune'
    new_code          text NOT NULL,
    effective_on      date NOT NULL,   -- the day the new structure took force ('2025-07-01')
    resolution        text NULL,
    primary_successor boolean NOT NULL, -- exactly one per (old_code, level, effective_on): where a split unit's figures go (docs/reporting.md)
    PRIMARY KEY (old_code, level, new_code, effective_on)
);
CREATE INDEX admin_units_parent ON admin_units (parent_code, level, valid_from);
CREATE INDEX admin_unit_lineage_new ON admin_unit_lineage (new_code, level, effective_on);
CREATE UNIQUE INDEX admin_unit_lineage_one_primary ON admin_unit_lineage (old_code, level, effective_on) WHERE primary_successor;

-- Quy về đơn vị hiện hành (roll-up to today's units): every province and commune that ever was, with the period it was in
-- force, mapped to the unit in force today its figures roll into, following primary successors through every change
-- (one step for the 2025 reform; more once an operator loads later ones). Today's units map to themselves. Codes are
-- reused across structures, so join on the code AND the day the record was filed:
--   JOIN admin_unit_rollup_2025 r ON r.level = 'commune' AND r.old_code = f.commune_code
--    AND f.registered_on >= r.valid_from AND (r.valid_to IS NULL OR f.registered_on < r.valid_to)
-- Materialized (13,368 rows for 2024 + 2025): walked on every query, the recursion costs ~0.2 s and a join to facts
-- seconds. AdminUnitSeeder and AdminUnitLoader refresh it in the transaction that changes the hierarchy.
CREATE MATERIALIZED VIEW admin_unit_rollup_2025 AS
WITH RECURSIVE chain AS (
    SELECT u.code AS old_code, u.level, u.valid_from, u.valid_to, u.code AS new_code, u.valid_to AS reached_to, 0 AS steps
    FROM admin_units u
    WHERE u.level IN ('province', 'commune')
    UNION ALL
    SELECT c.old_code, c.level, c.valid_from, c.valid_to, l.new_code, n.valid_to, c.steps + 1
    FROM chain c
    JOIN admin_unit_lineage l ON l.old_code = c.new_code AND l.level = c.level AND l.effective_on = c.reached_to AND l.primary_successor
    JOIN admin_units n ON n.code = l.new_code AND n.level = l.level AND n.valid_from = l.effective_on
    WHERE c.steps < 50
)
SELECT old_code, level, new_code, valid_from, valid_to FROM chain WHERE reached_to IS NULL;
CREATE UNIQUE INDEX admin_unit_rollup_2025_key ON admin_unit_rollup_2025 (level, old_code, valid_from);
