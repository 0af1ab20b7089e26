-- Báo cáo định kỳ (periodic reports): a campaign's report templates with a due date per reporting level, and each
-- unit's report through draft → submitted → (returned → submitted) → accepted. docs/reporting.md, "Báo cáo định kỳ".

-- Đợt thi đua as reporting learns them (CampaignDeadlineSet): a template may only be defined for a known campaign.
CREATE TABLE report_campaigns (
    campaign_id uuid PRIMARY KEY,
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE report_templates (        -- mẫu báo cáo định kỳ of a campaign
    id uuid PRIMARY KEY, campaign_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('six_month', 'annual', 'so_ket', 'tong_ket')),
    title text NOT NULL, period_from date NOT NULL, period_to date NOT NULL,
    created_by text NOT NULL, created_at timestamptz NOT NULL,
    -- Whose template: 'VN' (the centre's, for the whole country) or a province code (a province's own, for its units only).
    scope_code text NOT NULL DEFAULT 'VN');
CREATE INDEX report_templates_campaign ON report_templates (campaign_id);

CREATE TABLE report_due_dates (        -- hạn nộp per reporting level
    template_id uuid NOT NULL REFERENCES report_templates (id),
    level text NOT NULL CHECK (level IN ('commune', 'province', 'member_org')),
    due_on date NOT NULL,                -- last day, Vietnam's time: on time if submitted before (due_on + 1) 00:00 Asia/Ho_Chi_Minh
    PRIMARY KEY (template_id, level));

-- A province's own due date for its communes (or its member organizations) under a centre template: the centre fixes
-- when provinces report, each province when its communes report to it.
CREATE TABLE report_province_due_dates (
    template_id   uuid NOT NULL REFERENCES report_templates (id),
    province_code text NOT NULL,
    level         text NOT NULL CHECK (level IN ('commune', 'member_org')),
    due_on        date NOT NULL,
    set_by        text NOT NULL,
    set_at        timestamptz NOT NULL,
    PRIMARY KEY (template_id, province_code, level));

CREATE TABLE periodic_reports (
    id uuid PRIMARY KEY, template_id uuid NOT NULL REFERENCES report_templates (id),
    level text NOT NULL,                 -- as report_due_dates.level, or 'central' for the centre's compiled report
    unit_code text NOT NULL,             -- the commune's or province's code (a member organization: its area's code)
    organization_id uuid NULL,           -- the member organization, when level = 'member_org'
    organization_name text NULL,
    status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    figures jsonb NOT NULL, narrative jsonb NOT NULL,
    first_submitted_at timestamptz NULL, -- timeliness is judged on the first submission
    submitted_at timestamptz NULL, accepted_at timestamptz NULL, returned_reason text NULL,
    version int NOT NULL, created_by text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
    -- Added: the province the unit lies in (NULL for the centre), so that a province's reach is one equality.
    province_code text NULL,
    -- Added: for a compiled report, the units included and those not yet accepted, as of compiled_at.
    compilation jsonb NULL,
    compiled_at timestamptz NULL,
    UNIQUE NULLS NOT DISTINCT (template_id, level, unit_code, organization_id));
CREATE INDEX periodic_reports_reach ON periodic_reports (template_id, province_code, level);

-- Tệp đính kèm of a report (building-blocks/Files: the content by its hash in file_contents, this row its metadata).
CREATE TABLE periodic_report_attachments (
    id           uuid PRIMARY KEY,
    report_id    uuid NOT NULL REFERENCES periodic_reports (id),
    file_name    text NOT NULL,
    media_type   text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,
    storage_key  text NOT NULL,
    uploaded_by  text NOT NULL,
    uploaded_at  timestamptz NOT NULL
);
CREATE INDEX periodic_report_attachments_report ON periodic_report_attachments (report_id);
