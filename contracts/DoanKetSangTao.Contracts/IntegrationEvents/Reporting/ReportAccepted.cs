namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>Báo cáo đã được tiếp nhận (the level above accepted a submitted report).</summary>
public sealed record ReportAccepted(Guid EventId, DateTimeOffset OccurredAt, Guid ReportId, Guid TemplateId, Guid CampaignId, string Title, string Level, string UnitCode, Guid? OrganizationId, string AcceptedBy) : IIntegrationEvent;
