using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Notification.API.Email;
using DoanKetSangTao.ServiceDefaults.Localization;
using DoanKetSangTao.ServiceDefaults.Messaging;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Xác nhận đăng ký: tells the author, in the app and by e-mail, that their initiative was registered.</summary>
public sealed class InitiativeRegisteredConsumer(NpgsqlDataSource db, ILogger<InitiativeRegisteredConsumer> logger)
    : IdempotentConsumer<InitiativeRegistered>(db, logger)
{
    public const string Kind = "initiative_registered";

    protected override async Task HandleAsync(InitiativeRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var title = $"Đã đăng ký sáng kiến “{message.Title}”";
        var body = $"Sáng kiến “{message.Title}” của {message.ContactName} đã được ghi nhận vào lúc " +
                   $"{VietnamTime.FormatDateTime(message.OccurredAt)}. Đơn vị cấp trên sẽ xem xét và xác nhận trong thời gian tới.";
        var notificationId = Guid.CreateVersion7();
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notifications (id, recipient_id, kind, title, body, subject_id, source_event_id)
            VALUES (@Id, @RecipientId, @Kind, @Title, @Body, @SubjectId, @SourceEventId)
            """,
            new { Id = notificationId, RecipientId = message.RegisteredBy, Kind, Title = title, Body = body, SubjectId = message.InitiativeId, SourceEventId = message.EventId },
            transaction, cancellationToken: cancellationToken));

        if (!string.IsNullOrWhiteSpace(message.ContactEmail))
        {
            await EmailQueue.EnqueueAsync(transaction, notificationId, message.ContactEmail, message.ContactName, title,
                $"Kính gửi {message.ContactName},\n\n{body}\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n", cancellationToken);
        }
    }
}
