namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Nhắc hạn gửi tham luận (a contribution to a review conference is due soon and not yet sent): published once per
/// contribution and step, at D-3 and at D-1 (days before <see cref="DueOn"/>, in Vietnam's time), only while no file was
/// sent. Notification tells the assigned organization (its inbox and its officers).
/// </summary>
public sealed record ConferenceContributionDueSoon(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConferenceId,
    Guid ContributionId,
    string ConferenceTitle,
    Guid OrganizationId,
    string OrganizationName,
    string Topic,
    int PageLimit,
    DateOnly DueOn,
    int DaysLeft) : IIntegrationEvent;
