namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// A recognition dossier (hồ sơ đề nghị công nhận: Mẫu 3, Mẫu 4 and attachments) was submitted, or
/// resubmitted after the council returned it (<see cref="Version"/> &gt; 1). The appraisal service opens
/// (or reopens) a case from it; the full content is read over gRPC (DossierLookup). <see cref="Authors"/> (null in events
/// published before it was added) are told that the dossier was received.
/// </summary>
public sealed record DossierSubmitted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid DossierId,
    int Version,
    Guid InitiativeId,
    Guid CampaignId,
    string Title,
    string Kind,
    string? Field,
    Guid OrganizationId,
    string ProvinceCode,
    string CommuneCode,
    IReadOnlyList<Guid> AuthorOrganizationIds,
    string SubmittedBy,
    IReadOnlyList<AuthorContact>? Authors = null) : IIntegrationEvent;
