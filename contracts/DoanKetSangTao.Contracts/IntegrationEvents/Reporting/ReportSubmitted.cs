namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>Báo cáo định kỳ đã nộp (a periodic report was submitted to the level above); OnTime is judged on the first submission, in Vietnam's time. <c>ProvinceCode</c> (null in events published before it was added) is the province of a commune's or a province's report, so officers can be found by their area.</summary>
public sealed record ReportSubmitted(Guid EventId, DateTimeOffset OccurredAt, Guid ReportId, Guid TemplateId, Guid CampaignId, string Title, string Level, string UnitCode, Guid? OrganizationId, string SubmittedBy, bool OnTime, string? ProvinceCode = null) : IIntegrationEvent;
