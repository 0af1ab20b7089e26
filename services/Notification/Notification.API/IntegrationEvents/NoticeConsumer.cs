using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// What every consumer here does: turn the event into the notice <see cref="Notices"/> words for it (none when it
/// concerns nobody) and send it in the inbox's transaction, so a redelivered event tells no one twice.
/// </summary>
public abstract class NoticeConsumer<TEvent>(ServiceDatabase database, NotificationStore notifications, ILogger logger)
    : IdempotentConsumer<TEvent>(database, logger)
    where TEvent : class, IIntegrationEvent
{
    protected abstract Notice? NoticeFor(TEvent message);

    protected sealed override Task HandleAsync(TEvent message, DatabaseSession session, CancellationToken cancellationToken) =>
        NoticeFor(message) is { } notice ? notifications.SendAsync(session, notice, message.EventId, cancellationToken) : Task.CompletedTask;
}
