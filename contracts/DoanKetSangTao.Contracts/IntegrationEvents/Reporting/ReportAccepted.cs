namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>Báo cáo đã được tiếp nhận (the level above accepted a submitted report). <c>ProvinceCode</c> (null in events published before it was added) is the province of a commune's or a province's report, so officers can be found by their area.</summary>
public sealed record ReportAccepted(Guid EventId, DateTimeOffset OccurredAt, Guid ReportId, Guid TemplateId, Guid CampaignId, string Title, string Level, string UnitCode, Guid? OrganizationId, string AcceptedBy, string? ProvinceCode = null) : IIntegrationEvent;
