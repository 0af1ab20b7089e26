using Dapper;
using DoanKetSangTao.Notification.API.Email;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>One notice to a person (an author, a council member): in the app, and by e-mail when an address is known, in the consumer's transaction.</summary>
public static class Notice
{
    public static async Task SendAsync(
        NpgsqlTransaction transaction, string kind, string recipientId, string? email, string name, string title, string body, Guid subjectId, Guid sourceEventId,
        CancellationToken cancellationToken)
    {
        var notificationId = Guid.CreateVersion7();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notifications (id, recipient_id, kind, title, body, subject_id, source_event_id)
            VALUES (@Id, @RecipientId, @Kind, @Title, @Body, @SubjectId, @SourceEventId)
            """,
            new { Id = notificationId, RecipientId = recipientId, Kind = kind, Title = title, Body = body, SubjectId = subjectId, SourceEventId = sourceEventId },
            transaction, cancellationToken: cancellationToken));
        if (!string.IsNullOrWhiteSpace(email))
        {
            await EmailQueue.EnqueueAsync(transaction, notificationId, email, name, title,
                $"Kính gửi {name},\n\n{body}\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n", cancellationToken);
        }
    }
}
