namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Quá hạn nộp báo cáo (a periodic report is overdue): published by reporting at 08:00 Vietnam time on the day after a
/// template's due date for one level, once, listing the units still missing. <see cref="UnitCodes"/> and
/// <see cref="OrganizationIds"/> as in <see cref="ReportDueSoon"/>. Notification reminds each late unit and tells the
/// supervising officers one level up who is late.
/// </summary>
public sealed record ReportOverdue(Guid EventId, DateTimeOffset OccurredAt, Guid TemplateId, Guid CampaignId, string Title, string Level, DateOnly DueOn, IReadOnlyList<string> UnitCodes, IReadOnlyList<Guid> OrganizationIds) : IIntegrationEvent;
