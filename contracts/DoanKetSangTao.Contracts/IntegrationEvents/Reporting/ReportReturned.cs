namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>Báo cáo bị trả lại để chỉnh sửa (a submitted report was returned for correction, with the reason).</summary>
public sealed record ReportReturned(Guid EventId, DateTimeOffset OccurredAt, Guid ReportId, Guid TemplateId, Guid CampaignId, string Title, string Level, string UnitCode, Guid? OrganizationId, string Reason, string ReturnedBy) : IIntegrationEvent;
