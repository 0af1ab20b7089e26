using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Tells the author what happened to their initiative when it concerns them: returned (with the reason),
/// confirmed, the dossier returned for completion, the council's decision, a nomination. Steps the author took
/// themselves (registering, submitting, withdrawing) are not echoed back.
/// </summary>
public sealed class InitiativeStatusChangedConsumer(NpgsqlDataSource db, ILogger<InitiativeStatusChangedConsumer> logger)
    : IdempotentConsumer<InitiativeStatusChanged>(db, logger)
{
    public const string Kind = "initiative_status_changed";

    protected override async Task HandleAsync(InitiativeStatusChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var (title, body) = message.ToStatus switch
        {
            "returned" => ($"Phiếu đăng ký “{message.Title}” bị trả lại",
                $"Đơn vị cấp trên đã trả lại phiếu đăng ký sáng kiến “{message.Title}” với lý do: {message.Reason}. Vui lòng chỉnh sửa và nộp lại."),
            "confirmed" => ($"Sáng kiến “{message.Title}” đã được xác nhận",
                $"Đơn vị cấp trên đã xác nhận đăng ký sáng kiến “{message.Title}”. Bạn có thể lập hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4)."),
            "dossier_returned" => ($"Hồ sơ “{message.Title}” cần bổ sung",
                $"Hội đồng thẩm định đã trả hồ sơ sáng kiến “{message.Title}” để bổ sung: {message.Reason}. Vui lòng hoàn thiện và nộp lại."),
            "recognized" => ($"Sáng kiến “{message.Title}” được công nhận", $"Sáng kiến “{message.Title}” đã được công nhận. {message.Reason}."),
            "not_recognized" => ($"Kết quả thẩm định sáng kiến “{message.Title}”", $"Sáng kiến “{message.Title}” chưa được công nhận. {message.Reason}."),
            "nominated" => ($"Sáng kiến “{message.Title}” được đề cử lên cấp trên", $"{message.Reason}."),
            _ => (null, null),
        };
        if (title is null || body is null || message.ChangedBy == message.RegisteredBy)
        {
            return;
        }

        await Notice.SendAsync(transaction, Kind, message.RegisteredBy, message.ContactEmail, message.ContactName, title, body, message.InitiativeId,
            message.EventId, cancellationToken);
    }
}
