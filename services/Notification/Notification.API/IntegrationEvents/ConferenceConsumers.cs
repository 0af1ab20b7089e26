using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// What the review conference consumers share: the officers of the invited organizations, asked of identity when the event
/// arrives (whoever holds the post today is told), then the notices filed in the inbox's transaction, so a redelivered
/// event tells no one twice. Identity away: the message is retried, nobody is told half.
/// </summary>
public abstract class ConferenceNoticeConsumer<TEvent>(
    ServiceDatabase database, NotificationDispatcher notifications, AccountDirectory.AccountDirectoryClient directory, ILogger logger)
    : IdempotentConsumer<TEvent>(database, logger)
    where TEvent : class, IIntegrationEvent
{
    private static readonly string[] OfficerRoles = [PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer];

    protected abstract IReadOnlyList<Guid> OrganizationsOf(TEvent message);

    protected abstract IEnumerable<Notice> NoticesFor(TEvent message, IReadOnlyList<OrganizationOfficer> officers);

    protected sealed override async Task HandleAsync(TEvent message, DatabaseSession session, CancellationToken cancellationToken)
    {
        var officers = new List<OrganizationOfficer>();
        foreach (var chunk in OrganizationsOf(message).Distinct().Chunk(500))
        {
            var request = new ListOfficersRequest { Roles = { OfficerRoles } };
            request.OrganizationIds.AddRange(chunk.Select(id => id.ToString()));
            var reply = await directory.ListOfficersAsync(request, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
            officers.AddRange(reply.Officers.Where(o => Guid.TryParse(o.OrganizationId, out _)).Select(o => new OrganizationOfficer(
                Guid.Parse(o.OrganizationId), o.AccountId, o.FullName, string.IsNullOrWhiteSpace(o.Email) ? null : o.Email,
                string.IsNullOrWhiteSpace(o.Phone) ? null : o.Phone)));
        }

        foreach (var notice in NoticesFor(message, officers))
        {
            await notifications.SendAsync(session, notice, message.EventId, cancellationToken);
        }
    }
}

/// <summary>Giấy mời hội nghị: each invited organization (inbox and officers) and each participant with an e-mail.</summary>
public sealed class ReviewConferenceInvitedConsumer(
    ServiceDatabase database, NotificationDispatcher notifications, AccountDirectory.AccountDirectoryClient directory, ILogger<ReviewConferenceInvitedConsumer> logger)
    : ConferenceNoticeConsumer<ReviewConferenceInvited>(database, notifications, directory, logger)
{
    protected override IReadOnlyList<Guid> OrganizationsOf(ReviewConferenceInvited message) => message.Organizations.Select(o => o.OrganizationId).ToList();

    protected override IEnumerable<Notice> NoticesFor(ReviewConferenceInvited message, IReadOnlyList<OrganizationOfficer> officers) =>
        Notices.ConferenceInvited(message, officers);
}

/// <summary>Hội nghị dời lịch hoặc bị hủy: every invitee again, in an update or a cancellation notice.</summary>
public sealed class ReviewConferenceChangedConsumer(
    ServiceDatabase database, NotificationDispatcher notifications, AccountDirectory.AccountDirectoryClient directory, ILogger<ReviewConferenceChangedConsumer> logger)
    : ConferenceNoticeConsumer<ReviewConferenceChanged>(database, notifications, directory, logger)
{
    protected override IReadOnlyList<Guid> OrganizationsOf(ReviewConferenceChanged message) => message.Organizations.Select(o => o.OrganizationId).ToList();

    protected override IEnumerable<Notice> NoticesFor(ReviewConferenceChanged message, IReadOnlyList<OrganizationOfficer> officers) =>
        Notices.ConferenceChanged(message, officers);
}

/// <summary>Nhắc hạn tham luận: the assigned organization, inbox and officers (reporting sends it once per step, only while no file came).</summary>
public sealed class ConferenceContributionDueSoonConsumer(
    ServiceDatabase database, NotificationDispatcher notifications, AccountDirectory.AccountDirectoryClient directory,
    ILogger<ConferenceContributionDueSoonConsumer> logger)
    : ConferenceNoticeConsumer<ConferenceContributionDueSoon>(database, notifications, directory, logger)
{
    protected override IReadOnlyList<Guid> OrganizationsOf(ConferenceContributionDueSoon message) => [message.OrganizationId];

    protected override IEnumerable<Notice> NoticesFor(ConferenceContributionDueSoon message, IReadOnlyList<OrganizationOfficer> officers) =>
        Notices.ContributionDue(message, officers);
}
