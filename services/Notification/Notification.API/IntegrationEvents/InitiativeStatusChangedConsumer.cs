using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Tells the author what happened to their initiative when it concerns them (<see cref="Notices.StatusChanged"/>);
/// steps the author took themselves are not echoed back.
/// </summary>
public sealed class InitiativeStatusChangedConsumer(NpgsqlDataSource db, NotificationStore notifications, ILogger<InitiativeStatusChangedConsumer> logger)
    : IdempotentConsumer<InitiativeStatusChanged>(db, logger)
{
    protected override Task HandleAsync(InitiativeStatusChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Notices.StatusChanged(message) is { } notice
            ? notifications.SendAsync(transaction, notice, message.EventId, cancellationToken)
            : Task.CompletedTask;
}
