using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Xác nhận đăng ký: tells the author, in the app and by e-mail, that their initiative was registered.</summary>
public sealed class InitiativeRegisteredConsumer(NpgsqlDataSource db, NotificationStore notifications, ILogger<InitiativeRegisteredConsumer> logger)
    : IdempotentConsumer<InitiativeRegistered>(db, logger)
{
    protected override Task HandleAsync(InitiativeRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        notifications.SendAsync(transaction, Notices.Registered(message), message.EventId, cancellationToken);
}
