namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Hội nghị dời lịch hoặc bị hủy (a review conference was rescheduled, moved, or cancelled): <see cref="Change"/> is
/// rescheduled (a new date, time or place, given in <see cref="StartsAt"/> and <see cref="Place"/>) or cancelled (with
/// <see cref="Reason"/>). Notification tells every invitee of the conference again, in an update or cancellation notice.
/// </summary>
public sealed record ReviewConferenceChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConferenceId,
    string Change,
    string Kind,
    string Title,
    DateTimeOffset StartsAt,
    string Place,
    string HostName,
    string? Reason,
    IReadOnlyList<ConferenceInvitee> Organizations,
    IReadOnlyList<ConferenceParticipant> Participants) : IIntegrationEvent;
