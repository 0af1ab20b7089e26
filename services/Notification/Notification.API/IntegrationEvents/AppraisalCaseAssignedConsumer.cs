using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Thông báo phân công chấm: tells a council member, in the app and by e-mail, that a case awaits their score.</summary>
public sealed class AppraisalCaseAssignedConsumer(NpgsqlDataSource db, NotificationStore notifications, ILogger<AppraisalCaseAssignedConsumer> logger)
    : IdempotentConsumer<AppraisalCaseAssigned>(db, logger)
{
    protected override Task HandleAsync(AppraisalCaseAssigned message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        notifications.SendAsync(transaction, Notices.CaseAssigned(message), message.EventId, cancellationToken);
}
