using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Xác nhận đăng ký: tells the author, in the app and by e-mail, that their initiative was registered.</summary>
public sealed class InitiativeRegisteredConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<InitiativeRegisteredConsumer> logger)
    : NoticeConsumer<InitiativeRegistered>(database, notifications, logger)
{
    protected override Notice NoticeFor(InitiativeRegistered message) => Notices.Registered(message);
}
