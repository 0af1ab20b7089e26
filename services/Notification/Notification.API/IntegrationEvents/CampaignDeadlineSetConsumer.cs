using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain.Reminders;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Một thời hạn được đặt hay dời: records the deadline and schedules its reminders (D-7, D-3, D-1, D+1), or reschedules
/// them when the date moved. A redelivery is ignored by the inbox, and the same date announced again changes nothing.
/// </summary>
public sealed class CampaignDeadlineSetConsumer(ServiceDatabase database, TimeProvider clock, ILogger<CampaignDeadlineSetConsumer> logger)
    : IdempotentConsumer<CampaignDeadlineSet>(database, logger)
{
    protected override Task HandleAsync(CampaignDeadlineSet message, DatabaseSession session, CancellationToken cancellationToken) =>
        ReminderStore.AnnounceAsync(session,
            new AnnouncedDeadline(message.CampaignId, message.CampaignName, message.Kind, message.ScopeCode, message.OrganizationId, message.DueBefore),
            message.ClosesAt, message.OccurredAt, clock.GetUtcNow(), cancellationToken);
}
