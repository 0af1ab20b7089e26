using System.Text.Json;
using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>
/// Báo cáo định kỳ as stored: one row per template and unit (a second opening finds the first), figures and narrative
/// as JSON. A change is written only over the version it was read at, so two concurrent edits cannot both land.
/// </summary>
public sealed class PeriodicReportStore(ServiceDatabase db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns =
        """
        id AS Id, template_id AS TemplateId, level AS Level, unit_code AS UnitCode, province_code AS ProvinceCode,
        organization_id AS OrganizationId, organization_name AS OrganizationName, status AS Status, figures::text AS Figures,
        narrative::text AS Narrative, first_submitted_at AS FirstSubmittedAt, submitted_at AS SubmittedAt, accepted_at AS AcceptedAt,
        returned_reason AS ReturnedReason, version AS Version, created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt,
        compilation::text AS Compilation, compiled_at AS CompiledAt
        """;

    /// <summary>The report, locked for the change when read in a change's session.</summary>
    public Task<PeriodicReport?> GetAsync(DatabaseSession? session, Guid id, CancellationToken ct) =>
        db.ReadAsync(session, async (connection, tx) => (await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM periodic_reports WHERE id = @id {(tx is null ? "" : "FOR UPDATE")}", new { id }, tx, cancellationToken: ct)))
            .Select(ToReport).SingleOrDefault(), ct);

    public Task<PeriodicReport?> FindAsync(Guid templateId, ReportingUnit unit, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM periodic_reports
            WHERE template_id = @templateId AND level = @Level AND unit_code = @UnitCode AND organization_id IS NOT DISTINCT FROM @OrganizationId
            """, new { templateId, unit.Level, unit.UnitCode, unit.OrganizationId }, cancellationToken: ct))).Select(ToReport).SingleOrDefault(), ct);

    /// <summary>Reports of a template (every template's when none), in one province when one is given; at most 2,000.</summary>
    public Task<IReadOnlyList<PeriodicReport>> ListAsync(DatabaseSession? session, Guid? templateId, string? provinceCode, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<PeriodicReport>>(session, async (connection, tx) => (await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM periodic_reports
            WHERE (@templateId::uuid IS NULL OR template_id = @templateId) AND (@provinceCode::text IS NULL OR province_code = @provinceCode)
            ORDER BY level, unit_code, organization_name LIMIT 2000
            """, new { templateId, provinceCode }, tx, cancellationToken: ct))).Select(ToReport).ToList(), ct);

    /// <summary>Stores a newly opened report; false when the unit opened one meanwhile.</summary>
    public async Task<bool> InsertAsync(DatabaseSession session, PeriodicReport r, CancellationToken ct) =>
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO periodic_reports (id, template_id, level, unit_code, province_code, organization_id, organization_name, status,
                                          figures, narrative, version, created_by, created_at, updated_at)
            VALUES (@Id, @TemplateId, @Level, @UnitCode, @ProvinceCode, @OrganizationId, @OrganizationName, @Status,
                    @Figures::jsonb, @Narrative::jsonb, @Version, @CreatedBy, @CreatedAt, @UpdatedAt)
            ON CONFLICT DO NOTHING
            """, Parameters(r), session.Tx, cancellationToken: ct)) == 1;

    /// <summary>Writes the report over <paramref name="readVersion"/>; false when someone changed it since.</summary>
    public async Task<bool> UpdateAsync(DatabaseSession session, PeriodicReport r, int readVersion, CancellationToken ct) =>
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE periodic_reports SET status = @Status, figures = @Figures::jsonb, narrative = @Narrative::jsonb,
                first_submitted_at = @FirstSubmittedAt, submitted_at = @SubmittedAt, accepted_at = @AcceptedAt,
                returned_reason = @ReturnedReason, version = @Version, updated_at = @UpdatedAt,
                compilation = @Compilation::jsonb, compiled_at = @CompiledAt
            WHERE id = @Id AND version = @ReadVersion
            """, new DynamicParameters(Parameters(r)).With("ReadVersion", readVersion), session.Tx, cancellationToken: ct)) == 1;

    /// <summary>
    /// Units of <paramref name="level"/> in force on <paramref name="on"/> under <paramref name="parentCode"/> (all provinces
    /// when it is null), from the administrative hierarchy; none when the hierarchy holds none.
    /// </summary>
    public Task<IReadOnlyList<ExpectedUnit>> ExpectedUnitsAsync(string level, string? parentCode, DateOnly on, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ExpectedUnit>>(null, async (connection, _) => (await connection.QueryAsync<ExpectedUnit>(new CommandDefinition(
            """
            SELECT code AS Code, name AS Name FROM admin_units
            WHERE level = @level AND (@parentCode::text IS NULL OR parent_code = @parentCode)
              AND valid_from <= @on AND (valid_to IS NULL OR valid_to > @on)
            ORDER BY code
            """, new { level, parentCode, on }, cancellationToken: ct))).ToList(), ct);

    /// <summary>The unit's name in force on the day (for a document's heading); null when the hierarchy does not know it.</summary>
    public Task<string?> UnitNameAsync(string level, string code, DateOnly on, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT name FROM admin_units WHERE level = @level AND code = @code AND valid_from <= @on AND (valid_to IS NULL OR valid_to > @on)",
            new { level, code, on }, cancellationToken: ct)), ct);

    private static object Parameters(PeriodicReport r) => new
    {
        r.Id, r.TemplateId, r.Level, r.UnitCode, r.ProvinceCode, r.OrganizationId, r.OrganizationName, r.Status,
        Figures = JsonSerializer.Serialize(r.Figures, Json), Narrative = JsonSerializer.Serialize(r.Narrative, Json),
        FirstSubmittedAt = r.FirstSubmittedAt?.UtcDateTime, SubmittedAt = r.SubmittedAt?.UtcDateTime, AcceptedAt = r.AcceptedAt?.UtcDateTime,
        r.ReturnedReason, r.Version, r.CreatedBy, CreatedAt = r.CreatedAt.UtcDateTime, UpdatedAt = r.UpdatedAt.UtcDateTime,
        Compilation = r.Compilation is null ? null : JsonSerializer.Serialize(r.Compilation, Json), CompiledAt = r.CompiledAt?.UtcDateTime,
    };

    private static PeriodicReport ToReport(ReportRow r) => new(
        r.Id, r.TemplateId, r.Level, r.UnitCode, r.ProvinceCode, r.OrganizationId, r.OrganizationName, r.Status,
        JsonSerializer.Deserialize<ReportFigures>(r.Figures, Json) ?? ReportFigures.Empty,
        JsonSerializer.Deserialize<Dictionary<string, NarrativeSection>>(r.Narrative, Json) ?? new Dictionary<string, NarrativeSection>(),
        Utc(r.FirstSubmittedAt), Utc(r.SubmittedAt), Utc(r.AcceptedAt), r.ReturnedReason, r.Version, r.CreatedBy,
        Utc(r.CreatedAt)!.Value, Utc(r.UpdatedAt)!.Value,
        r.Compilation is null ? null : JsonSerializer.Deserialize<ReportCompilation>(r.Compilation, Json), Utc(r.CompiledAt));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private sealed class ReportRow
    {
        public Guid Id { get; init; }
        public Guid TemplateId { get; init; }
        public string Level { get; init; } = "";
        public string UnitCode { get; init; } = "";
        public string? ProvinceCode { get; init; }
        public Guid? OrganizationId { get; init; }
        public string? OrganizationName { get; init; }
        public string Status { get; init; } = "";
        public string Figures { get; init; } = "{}";
        public string Narrative { get; init; } = "{}";
        public DateTime? FirstSubmittedAt { get; init; }
        public DateTime? SubmittedAt { get; init; }
        public DateTime? AcceptedAt { get; init; }
        public string? ReturnedReason { get; init; }
        public int Version { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string? Compilation { get; init; }
        public DateTime? CompiledAt { get; init; }
    }
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
