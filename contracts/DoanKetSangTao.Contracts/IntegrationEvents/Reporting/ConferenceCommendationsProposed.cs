namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Đề nghị khen thưởng tại hội nghị (a review conference's commendation proposals, forwarded by the host to awards):
/// each invited organization's nominees within the quota the host set. Awards files them, once, as a call of the host's
/// Front committee (<see cref="HostProvinceCode"/>/<see cref="HostCommuneCode"/>: none for the centre) with one submitted
/// proposal per organization, so the host decides on them in awards as on any other.
/// </summary>
public sealed record ConferenceCommendationsProposed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConferenceId,
    string Title,
    string HostName,
    string? HostProvinceCode,
    string? HostCommuneCode,
    DateTimeOffset StartsAt,
    string ForwardedBy,
    IReadOnlyList<ConferenceProposalGroup> Organizations) : IIntegrationEvent;

/// <summary>One invited organization's proposal: its quota and its nominees.</summary>
public sealed record ConferenceProposalGroup(Guid OrganizationId, string OrganizationName, int Quota, IReadOnlyList<ConferenceNominee> Nominees);

/// <summary>A person (individual) or collective proposed for commendation: name, position and unit, achievement, and where they are.</summary>
public sealed record ConferenceNominee(
    string Kind, string FullName, string? Position, string? UnitName, string Achievement, string ProvinceCode, string? CommuneCode);
