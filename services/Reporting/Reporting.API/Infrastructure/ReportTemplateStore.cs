using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>Mẫu báo cáo định kỳ and their due dates; and the campaigns reporting knows of (from CampaignDeadlineSet).</summary>
public sealed class ReportTemplateStore(ServiceDatabase db)
{
    /// <summary>Learns (or renames) a campaign; an older event never overwrites a newer name.</summary>
    public Task RecordCampaignAsync(DatabaseSession session, CampaignDeadlineSet set, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_campaigns (campaign_id, name, updated_at) VALUES (@CampaignId, @CampaignName, @At)
            ON CONFLICT (campaign_id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
            WHERE report_campaigns.updated_at <= EXCLUDED.updated_at
            """, new { set.CampaignId, set.CampaignName, At = set.OccurredAt.UtcDateTime }, session.Tx, cancellationToken: ct));

    public Task<string?> CampaignNameAsync(Guid campaignId, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT name FROM report_campaigns WHERE campaign_id = @campaignId", new { campaignId }, cancellationToken: ct)), ct);

    public async Task InsertAsync(DatabaseSession session, ReportTemplate t, CancellationToken ct)
    {
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_templates (id, campaign_id, kind, title, period_from, period_to, created_by, created_at, scope_code)
            VALUES (@Id, @CampaignId, @Kind, @Title, @PeriodFrom, @PeriodTo, @CreatedBy, @CreatedAt, @ScopeCode)
            """,
            new { t.Id, t.CampaignId, t.Kind, t.Title, t.PeriodFrom, t.PeriodTo, t.CreatedBy, CreatedAt = t.CreatedAt.UtcDateTime, t.ScopeCode },
            session.Tx, cancellationToken: ct));
        foreach (var (level, due) in t.DueDates)
        {
            await SetDueDateAsync(session, t.Id, level, due, ct);
        }
    }

    public Task SetDueDateAsync(DatabaseSession session, Guid templateId, string level, DateOnly dueOn, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_due_dates (template_id, level, due_on) VALUES (@templateId, @level, @dueOn)
            ON CONFLICT (template_id, level) DO UPDATE SET due_on = EXCLUDED.due_on
            """, new { templateId, level, dueOn }, session.Tx, cancellationToken: ct));

    public Task SetProvinceDueDateAsync(DatabaseSession session, Guid templateId, string provinceCode, string level, DateOnly dueOn, string by, DateTimeOffset at, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_province_due_dates (template_id, province_code, level, due_on, set_by, set_at)
            VALUES (@templateId, @provinceCode, @level, @dueOn, @by, @at)
            ON CONFLICT (template_id, province_code, level) DO UPDATE SET due_on = EXCLUDED.due_on, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
            """, new { templateId, provinceCode, level, dueOn, by, at = at.UtcDateTime }, session.Tx, cancellationToken: ct));

    public async Task<ReportTemplate?> GetAsync(Guid id, CancellationToken ct) => (await LoadAsync("t.id = @id", new { id }, ct)).SingleOrDefault();

    /// <summary>A campaign's templates (every campaign's when none is given), newest period first.</summary>
    public Task<IReadOnlyList<ReportTemplate>> ListAsync(Guid? campaignId, CancellationToken ct) =>
        LoadAsync("(@campaignId::uuid IS NULL OR t.campaign_id = @campaignId)", new { campaignId }, ct);

    private Task<IReadOnlyList<ReportTemplate>> LoadAsync(string where, object parameters, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ReportTemplate>>(null, async (connection, _) =>
        {
            var templates = (await connection.QueryAsync<TemplateRow>(new CommandDefinition(
                $"""
                SELECT t.id AS Id, t.campaign_id AS CampaignId, t.kind AS Kind, t.title AS Title, t.period_from AS PeriodFrom,
                       t.period_to AS PeriodTo, t.scope_code AS ScopeCode, t.created_by AS CreatedBy, t.created_at AS CreatedAt
                FROM report_templates t WHERE {where} ORDER BY t.period_to DESC, t.created_at DESC LIMIT 500
                """, parameters, cancellationToken: ct))).ToList();
            var ids = templates.Select(t => t.Id).ToArray();
            var due = (await connection.QueryAsync<DueRow>(new CommandDefinition(
                "SELECT template_id AS TemplateId, NULL::text AS ProvinceCode, level AS Level, due_on AS DueOn FROM report_due_dates WHERE template_id = ANY(@ids) "
                + "UNION ALL SELECT template_id, province_code, level, due_on FROM report_province_due_dates WHERE template_id = ANY(@ids)",
                new { ids }, cancellationToken: ct))).ToList();
            return templates.Select(t =>
            {
                var mine = due.Where(d => d.TemplateId == t.Id).ToList();
                return new ReportTemplate(t.Id, t.CampaignId, t.Kind, t.Title, DateOnly.FromDateTime(t.PeriodFrom), DateOnly.FromDateTime(t.PeriodTo),
                    t.ScopeCode, t.CreatedBy, new DateTimeOffset(DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc)),
                    mine.Where(d => d.ProvinceCode is null).ToDictionary(d => d.Level, d => DateOnly.FromDateTime(d.DueOn), StringComparer.Ordinal),
                    mine.Where(d => d.ProvinceCode is not null).Select(d => new ProvinceDueDate(d.ProvinceCode!, d.Level, DateOnly.FromDateTime(d.DueOn))).ToList());
            }).ToList();
        }, ct);

    private sealed class TemplateRow
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTime PeriodFrom { get; init; }
        public DateTime PeriodTo { get; init; }
        public string ScopeCode { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public DateTime CreatedAt { get; init; }
    }

    private sealed class DueRow
    {
        public Guid TemplateId { get; init; }
        public string? ProvinceCode { get; init; }
        public string Level { get; init; } = "";
        public DateTime DueOn { get; init; }
    }
}
