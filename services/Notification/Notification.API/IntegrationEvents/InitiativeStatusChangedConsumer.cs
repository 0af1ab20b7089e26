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
public sealed class InitiativeStatusChangedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<InitiativeStatusChangedConsumer> logger)
    : NoticeConsumer<InitiativeStatusChanged>(database, notifications, logger)
{
    protected override Notice? NoticeFor(InitiativeStatusChanged message) => Notices.StatusChanged(message);
}
