using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.Timeliness;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>A report template with the due date of one level.</summary>
public sealed record TemplateDueDate(Guid TemplateId, Guid CampaignId, string Title, string Kind, DateOnly PeriodFrom, DateOnly PeriodTo, string Level, DateOnly DueOn);

/// <summary>A province's name as in force on a date.</summary>
public sealed record AreaName(string Code, string Name);

/// <summary>
/// Tỷ lệ báo cáo và đúng hạn, read side: the units expected to report (the administrative units in force on the due
/// date), the reports filed, and the ledger of deadline announcements. Expected areas come from <c>admin_units</c>
/// (effective-dated): a unit is in force on day d when valid_from &lt;= d &lt; valid_to. A commune's province is its
/// parent, or its district's parent in the pre-2025 structure.
/// </summary>
public sealed class TimelinessStore(NpgsqlDataSource dataSource)
{
    /// <summary>The provinces and communes in force on @d, each commune with its province.</summary>
    private const string AreasAt =
        """
        WITH areas AS (
            SELECT u.code, u.name, u.level,
                   CASE WHEN u.level = 'province' THEN NULL WHEN p.code IS NOT NULL THEN p.code ELSE d.parent_code END AS parent_code
            FROM admin_units u
            LEFT JOIN admin_units p ON u.level = 'commune' AND p.level = 'province' AND p.code = u.parent_code
                 AND p.valid_from <= @d AND (p.valid_to IS NULL OR @d < p.valid_to)
            LEFT JOIN admin_units d ON u.level = 'commune' AND d.level = 'district' AND d.code = u.parent_code
                 AND d.valid_from <= @d AND (d.valid_to IS NULL OR @d < d.valid_to)
            WHERE u.level IN ('province', 'commune') AND u.valid_from <= @d AND (u.valid_to IS NULL OR @d < u.valid_to))
        """;

    /// <summary>The template's due dates, one per level that has one (none: an unknown template).</summary>
    public async Task<IReadOnlyList<TemplateDueDate>> DueDatesAsync(Guid templateId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<TemplateDueDate>(new CommandDefinition(
            $"{SelectDueDates} WHERE t.id = @templateId ORDER BY d.level", new { templateId }, cancellationToken: ct))).ToList();
    }

    /// <summary>Every template of the campaign with its due dates, by period.</summary>
    public async Task<IReadOnlyList<TemplateDueDate>> CampaignDueDatesAsync(Guid campaignId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<TemplateDueDate>(new CommandDefinition(
            $"{SelectDueDates} WHERE t.campaign_id = @campaignId ORDER BY t.period_from, t.id, d.level", new { campaignId }, cancellationToken: ct))).ToList();
    }

    /// <summary>Due dates whose reminder steps may fall between the two days (the deadline worker's candidates).</summary>
    public static async Task<IReadOnlyList<TemplateDueDate>> DueBetweenAsync(NpgsqlConnection connection, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await connection.QueryAsync<TemplateDueDate>(new CommandDefinition(
            $"{SelectDueDates} WHERE d.due_on BETWEEN @from AND @to ORDER BY d.due_on, t.id, d.level", new { from, to }, cancellationToken: ct))).ToList();

    private const string SelectDueDates =
        """
        SELECT t.id AS TemplateId, t.campaign_id AS CampaignId, t.title AS Title, t.kind AS Kind, t.period_from AS PeriodFrom,
               t.period_to AS PeriodTo, d.level AS Level, d.due_on AS DueOn
        FROM report_templates t JOIN report_due_dates d ON d.template_id = t.id
        """;

    /// <summary>The units expected to report at this level on the due date, within a province and commune when given.</summary>
    public async Task<IReadOnlyList<ExpectedUnit>> ExpectedAsync(Guid templateId, string level, DateOnly dueOn, string? provinceCode, string? communeCode, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ExpectedAsync(connection, null, templateId, level, dueOn, provinceCode, communeCode, ct);
    }

    /// <summary>
    /// Communes: every commune in force on the due date; provinces: every province in force. Member organizations: those
    /// that opened a report for the template (registration's organizations are not yet listed by Front level here), under
    /// the province of their area.
    /// </summary>
    public static async Task<IReadOnlyList<ExpectedUnit>> ExpectedAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid templateId, string level,
        DateOnly dueOn, string? provinceCode, string? communeCode, CancellationToken ct)
    {
        var sql = level switch
        {
            ReportLevels.Commune =>
                """
                SELECT code AS Code, name AS Name, parent_code AS ParentCode, NULL::uuid AS OrganizationId FROM areas
                WHERE level = 'commune' AND (@provinceCode::text IS NULL OR parent_code = @provinceCode) AND (@communeCode::text IS NULL OR code = @communeCode)
                ORDER BY parent_code, code
                """,
            ReportLevels.Province =>
                """
                SELECT code AS Code, name AS Name, NULL::text AS ParentCode, NULL::uuid AS OrganizationId FROM areas
                WHERE level = 'province' AND (@provinceCode::text IS NULL OR code = @provinceCode) AND @communeCode::text IS NULL
                ORDER BY code
                """,
            _ =>
                """
                SELECT * FROM (
                    SELECT DISTINCT ON (r.organization_id) r.unit_code AS Code, coalesce(r.organization_name, r.unit_code) AS Name,
                           CASE WHEN a.level = 'province' THEN a.code ELSE a.parent_code END AS ParentCode, r.organization_id AS OrganizationId
                    FROM periodic_reports r
                    LEFT JOIN areas a ON a.code = r.unit_code AND a.level = CASE WHEN length(r.unit_code) = 2 THEN 'province' ELSE 'commune' END
                    WHERE r.template_id = @templateId AND r.level = 'member_org' AND r.organization_id IS NOT NULL
                    ORDER BY r.organization_id) m
                WHERE (@provinceCode::text IS NULL OR ParentCode = @provinceCode) AND (@communeCode::text IS NULL OR Code = @communeCode)
                ORDER BY ParentCode, Name
                """,
        };
        return (await connection.QueryAsync<ExpectedUnit>(new CommandDefinition(AreasAt + "\n" + sql,
            new { d = dueOn, templateId, provinceCode, communeCode }, tx, cancellationToken: ct))).ToList();
    }

    /// <summary>The reports filed at this level for the template (drafts included: their first submission is null).</summary>
    public async Task<IReadOnlyList<FiledReport>> FiledAsync(Guid templateId, string level, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await FiledAsync(connection, null, templateId, level, ct);
    }

    public static async Task<IReadOnlyList<FiledReport>> FiledAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid templateId, string level, CancellationToken ct) =>
        (await connection.QueryAsync<FiledRow>(new CommandDefinition(
            """
            SELECT unit_code AS UnitCode, organization_id AS OrganizationId, first_submitted_at AS FirstSubmittedAt
            FROM periodic_reports WHERE template_id = @templateId AND level = @level
            """, new { templateId, level }, tx, cancellationToken: ct)))
        .Select(r => new FiledReport(r.UnitCode, r.OrganizationId, r.FirstSubmittedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null))
        .ToList();

    /// <summary>Npgsql reads timestamptz as a UTC DateTime; Dapper will not turn it into a DateTimeOffset constructor argument.</summary>
    private sealed record FiledRow(string UnitCode, Guid? OrganizationId, DateTime? FirstSubmittedAt);

    /// <summary>The provinces in force on the day, for naming a breakdown's rows.</summary>
    public async Task<IReadOnlyList<AreaName>> ProvincesAsync(DateOnly day, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<AreaName>(new CommandDefinition(
            AreasAt + "\nSELECT code AS Code, name AS Name FROM areas WHERE level = 'province' ORDER BY code", new { d = day }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Writes the ledger row of one announcement; false when another worker (or an earlier pass) already wrote it. Run
    /// in the transaction that writes the event to the outbox: a concurrent writer of the same key waits for this
    /// transaction and then finds the row, so the step is announced once.
    /// </summary>
    public static async Task<bool> TryAnnounceAsync(DatabaseSession session, TemplateDueDate due, string step, Guid? eventId, int units, CancellationToken ct) =>
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_deadline_announcements (template_id, level, due_on, step, event_id, units)
            VALUES (@TemplateId, @Level, @DueOn, @step, @eventId, @units)
            ON CONFLICT DO NOTHING
            """, new { due.TemplateId, due.Level, due.DueOn, step, eventId, units }, session.Tx, cancellationToken: ct)) == 1;
}
