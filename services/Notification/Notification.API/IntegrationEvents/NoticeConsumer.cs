using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// What every consumer here does: turn the event into the notices <see cref="Notices"/> words for it (none when it
/// concerns nobody; one per person when it concerns several) and send them in the inbox's transaction, so a
/// redelivered event tells no one twice.
/// </summary>
public abstract class NoticeConsumer<TEvent>(ServiceDatabase database, NotificationDispatcher notifications, ILogger logger)
    : IdempotentConsumer<TEvent>(database, logger)
    where TEvent : class, IIntegrationEvent
{
    /// <summary>The one notice of an event that concerns one person; null when it concerns nobody.</summary>
    protected virtual Notice? NoticeFor(TEvent message) => null;

    /// <summary>Every notice of the event: by default the one of <see cref="NoticeFor"/>.</summary>
    protected virtual IEnumerable<Notice> NoticesFor(TEvent message) => NoticeFor(message) is { } notice ? [notice] : [];

    protected sealed override async Task HandleAsync(TEvent message, DatabaseSession session, CancellationToken cancellationToken)
    {
        foreach (var notice in NoticesFor(message))
        {
            await notifications.SendAsync(session, notice, message.EventId, cancellationToken);
        }
    }
}
