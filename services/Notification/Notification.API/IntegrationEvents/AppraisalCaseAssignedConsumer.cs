using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Thông báo phân công chấm: tells a council member, in the app and by e-mail, that a case awaits their score.</summary>
public sealed class AppraisalCaseAssignedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<AppraisalCaseAssignedConsumer> logger)
    : NoticeConsumer<AppraisalCaseAssigned>(database, notifications, logger)
{
    protected override Notice NoticeFor(AppraisalCaseAssigned message) => Notices.CaseAssigned(message);
}
