namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Sắp đến hạn nộp báo cáo (a periodic report's due date is near): published by reporting at 08:00 Vietnam time on D-7,
/// D-3 and D-1 of a template's due date for one level, once per step, listing the units that have not submitted at that
/// moment. <see cref="UnitCodes"/> are the areas' paths as identity names officers' units (<c>VN/{province}</c> for the
/// province level, <c>VN/{province}/{commune}</c> for the commune level); for the member_org level they are empty and
/// <see cref="OrganizationIds"/> lists the organizations. <see cref="DueOn"/> is the last day (on time until it ends in
/// Vietnam's time).
/// </summary>
public sealed record ReportDueSoon(Guid EventId, DateTimeOffset OccurredAt, Guid TemplateId, Guid CampaignId, string Title, string Level, DateOnly DueOn, int DaysLeft, IReadOnlyList<string> UnitCodes, IReadOnlyList<Guid> OrganizationIds) : IIntegrationEvent;
