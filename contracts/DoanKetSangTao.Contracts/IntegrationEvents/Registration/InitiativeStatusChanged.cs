namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Registration announces every lifecycle transition of an initiative (draft → registered → confirmed →
/// dossier submitted → … → recognized / not recognized / nominated / withdrawn), with who made it and why.
/// Carries the facts consumers filter and count by, so none of them has to call back: the authors and co-authors to tell
/// (<see cref="Authors"/>), and when a council moved it, what the council did (<see cref="Council"/>: its level, the
/// decision's number and date, the level nominated to). Both are null in events published before they were added. What reports
/// slice by, as on <see cref="InitiativeRegistered"/>: <see cref="ContentType"/>, <see cref="MovementArea"/>, <see cref="Field"/>,
/// <see cref="MemberOrganizationId"/> (null when not known, or in events published before they were added).
/// </summary>
public sealed record InitiativeStatusChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid CampaignId,
    string Title,
    string Kind,
    Guid OrganizationId,
    string ProvinceCode,
    string CommuneCode,
    string? FromStatus,
    string ToStatus,
    string ChangedBy,
    string? Reason,
    string RegisteredBy,
    string ContactName,
    string? ContactEmail,
    IReadOnlyList<AuthorContact>? Authors = null,
    CouncilAct? Council = null,
    string? ContentType = null,
    string? MovementArea = null,
    string? Field = null,
    Guid? MemberOrganizationId = null) : IIntegrationEvent;
