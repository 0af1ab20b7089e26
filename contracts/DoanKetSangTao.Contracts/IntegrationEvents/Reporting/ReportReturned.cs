namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>Báo cáo bị trả lại để chỉnh sửa (a submitted report was returned for correction, with the reason). <c>ProvinceCode</c> (null in events published before it was added) is the province of a commune's or a province's report, so officers can be found by their area.</summary>
public sealed record ReportReturned(Guid EventId, DateTimeOffset OccurredAt, Guid ReportId, Guid TemplateId, Guid CampaignId, string Title, string Level, string UnitCode, Guid? OrganizationId, string Reason, string ReturnedBy, string? ProvinceCode = null) : IIntegrationEvent;
