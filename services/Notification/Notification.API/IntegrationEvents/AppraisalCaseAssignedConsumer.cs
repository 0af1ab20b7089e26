using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Thông báo phân công chấm: tells a council member, in the app and by e-mail, that a case awaits their score.</summary>
public sealed class AppraisalCaseAssignedConsumer(NpgsqlDataSource db, ILogger<AppraisalCaseAssignedConsumer> logger)
    : IdempotentConsumer<AppraisalCaseAssigned>(db, logger)
{
    public const string Kind = "appraisal_case_assigned";

    protected override Task HandleAsync(AppraisalCaseAssigned message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var title = $"Phân công chấm hồ sơ “{message.Title}”";
        var body = $"{message.CouncilName} đã phân công bạn thẩm định hồ sơ sáng kiến “{message.Title}”. " +
                   "Vui lòng đăng nhập để xem hồ sơ, khai báo nếu có xung đột lợi ích, và chấm điểm theo bộ tiêu chí của hội đồng.";
        return Notice.SendAsync(transaction, Kind, message.UserId, message.Email, message.FullName, title, body, message.CaseId, message.EventId,
            cancellationToken);
    }
}
