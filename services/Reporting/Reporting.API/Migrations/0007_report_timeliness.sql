-- Nhắc hạn báo cáo định kỳ (report deadline reminders): one row per reminder step of a due date that reporting has
-- announced (ReportDueSoon at D-7, D-3, D-1; ReportOverdue at D+1). The row is written in the transaction that writes
-- the event to the outbox, so two replicas, or a restart mid-pass, announce each step once. The due date is part of the
-- key: a due date moved later is announced again on its own schedule.
CREATE TABLE report_deadline_announcements (
    template_id  uuid        NOT NULL,
    level        text        NOT NULL,
    due_on       date        NOT NULL,
    step         text        NOT NULL CHECK (step IN ('d7', 'd3', 'd1', 'overdue')),
    event_id     uuid        NULL,      -- NULL: every expected unit had already submitted, nothing was published
    units        int         NOT NULL,
    announced_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (template_id, level, due_on, step)
);
