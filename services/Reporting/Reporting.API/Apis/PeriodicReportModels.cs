using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Mẫu báo cáo mới: campaign, kind (six_month, annual, so_ket, tong_ket), title, period, and the due date per level
/// (<c>commune</c>, <c>province</c>, <c>member_org</c>; a province's own template: <c>commune</c> and <c>member_org</c> only).
/// </summary>
public sealed record CreateReportTemplateRequest(Guid? CampaignId, string? Kind, string? Title, DateOnly? PeriodFrom, DateOnly? PeriodTo, Dictionary<string, DateOnly>? DueDates);

/// <summary>Hạn nộp of one level (the last day, in Vietnam's time).</summary>
public sealed record SetReportDueDateRequest(DateOnly? DueOn);

/// <summary>A province's own due date for its communes or member organizations under a national template.</summary>
public sealed record ProvinceDueDateResponse(string ProvinceCode, string Level, DateOnly DueOn);

/// <summary>Mẫu báo cáo định kỳ, with the due dates in force for the caller's province (<see cref="EffectiveDueDates"/>).</summary>
public sealed record ReportTemplateResponse(
    Guid Id, Guid CampaignId, string? CampaignName, string Kind, string KindName, string Title, DateOnly PeriodFrom, DateOnly PeriodTo,
    string ScopeCode, IReadOnlyDictionary<string, DateOnly> DueDates, IReadOnlyList<ProvinceDueDateResponse> ProvinceDueDates,
    IReadOnlyDictionary<string, DateOnly> EffectiveDueDates, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Mở báo cáo của đơn vị mình cho một mẫu; a member organization may give its name as the report shows it.</summary>
public sealed record OpenPeriodicReportRequest(Guid? TemplateId, string? OrganizationName);

/// <summary>Figures a unit corrects: totals, and by kind and by field, per measure.</summary>
public sealed record ReportFiguresInput(Dictionary<string, long>? Total, Dictionary<string, Dictionary<string, long>>? ByKind, Dictionary<string, Dictionary<string, long>>? ByField);

/// <summary>
/// Sửa báo cáo: the version it was read at (required), the models built, narrative sections by code (propaganda, models,
/// commendations, difficulties, recommendations; a section not sent keeps its text), and corrected figures if any.
/// </summary>
public sealed record UpdatePeriodicReportRequest(int? Version, long? ModelsBuilt, Dictionary<string, string?>? Narrative, ReportFiguresInput? Figures);

/// <summary>Trả lại báo cáo: the reason the unit is to correct.</summary>
public sealed record ReturnPeriodicReportRequest(string? Reason);

/// <summary>Báo cáo định kỳ of a unit, with the due date in force for it and whether its first submission was on time.</summary>
public sealed record PeriodicReportResponse(
    Guid Id, Guid TemplateId, Guid CampaignId, string Title, string Level, string UnitCode, string? ProvinceCode, Guid? OrganizationId,
    string? OrganizationName, string Status, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly? DueOn, bool? OnTime, ReportFigures Figures,
    IReadOnlyDictionary<string, NarrativeSection> Narrative, DateTimeOffset? FirstSubmittedAt, DateTimeOffset? SubmittedAt,
    DateTimeOffset? AcceptedAt, string? ReturnedReason, int Version, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    ReportCompilation? Compilation, DateTimeOffset? CompiledAt)
{
    internal static PeriodicReportResponse From(PeriodicReport r, ReportTemplate t)
    {
        var due = t.DueOnFor(r.Level, r.ProvinceCode);
        return new(r.Id, r.TemplateId, t.CampaignId, t.Title, r.Level, r.UnitCode, r.ProvinceCode, r.OrganizationId, r.OrganizationName, r.Status,
            t.PeriodFrom, t.PeriodTo, due, r.FirstSubmittedAt is { } first ? ReportTimeliness.IsOnTime(first, due) : null, r.Figures, r.Narrative,
            r.FirstSubmittedAt, r.SubmittedAt, r.AcceptedAt, r.ReturnedReason, r.Version, r.CreatedBy, r.CreatedAt, r.UpdatedAt, r.Compilation, r.CompiledAt);
    }
}

/// <summary>A report in a list: who, which state, submitted when and whether on time.</summary>
public sealed record PeriodicReportSummary(
    Guid Id, Guid TemplateId, string Level, string UnitCode, string? ProvinceCode, Guid? OrganizationId, string? OrganizationName, string Status,
    DateOnly? DueOn, bool? OnTime, DateTimeOffset? FirstSubmittedAt, DateTimeOffset? AcceptedAt, int Version);
