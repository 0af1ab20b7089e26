namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Giấy mời hội nghị sơ kết / tổng kết (a review conference's invitation): published when the host plans the conference
/// (every invited organization and participant) and when it adds invitees later (only the new ones). Notification tells
/// each invited organization (its inbox and its officers) and each invited participant with an e-mail.
/// <see cref="Kind"/> is so_ket or tong_ket; <see cref="StartsAt"/> is an instant (shown in Vietnam's time).
/// </summary>
public sealed record ReviewConferenceInvited(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConferenceId,
    Guid CampaignId,
    string Kind,
    string Title,
    DateTimeOffset StartsAt,
    string Place,
    string HostName,
    IReadOnlyList<ConferenceInvitee> Organizations,
    IReadOnlyList<ConferenceParticipant> Participants) : IIntegrationEvent;

/// <summary>An organization invited to a review conference, as the host named it.</summary>
public sealed record ConferenceInvitee(Guid OrganizationId, string Name);

/// <summary>A person invited by name and role (thành phần mời); the e-mail, when the host gave one, is where they are told.</summary>
public sealed record ConferenceParticipant(string Name, string? Role, string? Email);
