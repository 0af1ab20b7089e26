using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Xác nhận đăng ký: tells every author and co-author that the initiative was registered, and the confirming unit's inbox
/// that it awaits confirmation (gathered in the officers' digest when they chose one).
/// </summary>
public sealed class InitiativeRegisteredConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<InitiativeRegisteredConsumer> logger)
    : NoticeConsumer<InitiativeRegistered>(database, notifications, logger)
{
    protected override IEnumerable<Notice> NoticesFor(InitiativeRegistered message) => Notices.Registered(message);
}
