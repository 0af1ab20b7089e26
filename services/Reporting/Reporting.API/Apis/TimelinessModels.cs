using DoanKetSangTao.Reporting.API.Domain.Timeliness;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>One unit expected to report, and where it stands: on_time, late or missing.</summary>
public sealed record UnitTimelinessRow(string Code, string Name, string? ParentCode, Guid? OrganizationId, string State, DateTimeOffset? FirstSubmittedAt);

/// <summary>A province's figures over its communes (or member organizations), named as in force on the due date.</summary>
public sealed record ParentTimelinessRow(string Code, string? Name, TimelinessFigures Figures);

/// <summary>One level of a template: its due date (dd/mm/yyyy), the figures, the breakdown by province, every expected unit and who is missing.</summary>
public sealed record LevelTimeliness(string Level, string LevelName, DateOnly DueOn, string DueOnText, TimelinessFigures Figures,
    IReadOnlyList<ParentTimelinessRow> ByParent, IReadOnlyList<UnitTimelinessRow> Units, IReadOnlyList<UnitTimelinessRow> Missing);

/// <summary>Tỷ lệ báo cáo và đúng hạn of one template (one period), per level, for the caller's area.</summary>
public sealed record TimelinessResponse(Guid TemplateId, Guid CampaignId, string Title, string Kind, DateOnly PeriodFrom, DateOnly PeriodTo,
    string? ProvinceCode, IReadOnlyList<LevelTimeliness> Levels);

/// <summary>One template and level of a campaign, with its figures.</summary>
public sealed record TemplateTimelinessRow(Guid TemplateId, string Title, string Kind, DateOnly PeriodFrom, DateOnly PeriodTo, string Level, DateOnly DueOn, TimelinessFigures Figures);

/// <summary>A campaign's templates (periods) and levels with their figures, for the caller's area.</summary>
public sealed record CampaignTimelinessResponse(Guid CampaignId, string? ProvinceCode, IReadOnlyList<TemplateTimelinessRow> Templates);
