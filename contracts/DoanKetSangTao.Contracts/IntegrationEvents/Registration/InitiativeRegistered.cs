namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Sáng kiến đã được đăng ký (Mẫu 1): an author registered an initiative in a campaign.
/// Carries what notification (who to tell), reporting (where to count) and appraisal (what to open) need.
/// </summary>
public sealed record InitiativeRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid CampaignId,
    string Title,
    string Kind,
    Guid OrganizationId,
    string ProvinceCode,
    string CommuneCode,
    string RegisteredBy,
    string ContactName,
    string? ContactEmail) : IIntegrationEvent;
