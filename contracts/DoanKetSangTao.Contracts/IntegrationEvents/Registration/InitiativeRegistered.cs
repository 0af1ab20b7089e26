namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Sáng kiến đã được đăng ký (Mẫu 1): an author registered an initiative in a campaign.
/// Carries what notification (who to tell), reporting (where to count) and appraisal (what to open) need:
/// <see cref="Authors"/> (the lead and every co-author), <see cref="ConfirmingOrganizationId"/> (the unit above the one it
/// is filed under, whose officers confirm it, Mẫu 2; the unit itself when none is above) and the unit's name. The three
/// are null in events published before they were added. What reports slice by (thống kê theo loại nội dung, lĩnh vực phong trào,
/// lĩnh vực, tổ chức thành viên): <see cref="ContentType"/>, <see cref="MovementArea"/>, <see cref="Field"/> and
/// <see cref="MemberOrganizationId"/> (the member organization the filing unit belongs to, itself included); null when not given on
/// Mẫu 1, when the unit belongs to none, or in events published before they were added.
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
    string? ContactEmail,
    IReadOnlyList<AuthorContact>? Authors = null,
    Guid? ConfirmingOrganizationId = null,
    string? OrganizationName = null,
    string? ContentType = null,
    string? MovementArea = null,
    string? Field = null,
    Guid? MemberOrganizationId = null) : IIntegrationEvent;
