namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>A unit included in a compiled report: its accepted report.</summary>
public sealed record CompiledUnit(Guid ReportId, string Level, string UnitCode, string? UnitName, string? OrganizationName, DateTimeOffset? AcceptedAt, bool FiguresSummed);

/// <summary>A unit a compiled report expected and could not include: its report's status, or <see cref="ReportStatuses.Missing"/>.</summary>
public sealed record PendingUnit(string Level, string UnitCode, string? UnitName, string? OrganizationName, string Status);

/// <summary>What a compilation took in and what it still lacks, as of when it ran.</summary>
public sealed record ReportCompilation(IReadOnlyList<CompiledUnit> Included, IReadOnlyList<PendingUnit> NotYetAccepted);

/// <summary>The unit a report is filed by: its level, its area's code, its province, and the member organization when there is one.</summary>
public sealed record ReportingUnit(string Level, string UnitCode, string? ProvinceCode, Guid? OrganizationId)
{
    /// <summary>The area the platform counts this unit's figures in (the whole country for the centre).</summary>
    public (string? Province, string? Commune, Guid? MemberOrganization) Area => Level switch
    {
        ReportLevels.Commune => (ProvinceCode, UnitCode, null),
        ReportLevels.Province => (ProvinceCode, null, null),
        ReportLevels.MemberOrg => (null, null, OrganizationId),
        _ => (null, null, null),
    };
}

/// <summary>Báo cáo định kỳ của một đơn vị (a unit's periodic report), as stored.</summary>
public sealed record PeriodicReport(
    Guid Id, Guid TemplateId, string Level, string UnitCode, string? ProvinceCode, Guid? OrganizationId, string? OrganizationName,
    string Status, ReportFigures Figures, IReadOnlyDictionary<string, NarrativeSection> Narrative,
    DateTimeOffset? FirstSubmittedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? AcceptedAt, string? ReturnedReason,
    int Version, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ReportCompilation? Compilation, DateTimeOffset? CompiledAt)
{
    public ReportingUnit Unit => new(Level, UnitCode, ProvinceCode, OrganizationId);

    /// <summary>A new draft, figures pre-filled from the platform, every narrative section empty.</summary>
    public static PeriodicReport Open(Guid id, Guid templateId, ReportingUnit unit, string? organizationName, ReportFigures figures, string by, DateTimeOffset now) =>
        new(id, templateId, unit.Level, unit.UnitCode, unit.ProvinceCode, unit.OrganizationId, organizationName, ReportStatuses.Draft,
            figures, ReportNarrative.Empty(), null, null, null, null, 1, by, now, now, null, null);
}
