using Dapper;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Hàng đợi thư điện tử: e-mails wait in <c>email_deliveries</c>, queued in the same transaction as the notification
/// that caused them, until <see cref="Workers.EmailSender"/> claims, sends and records each one.
/// </summary>
public sealed class EmailDeliveryStore(NpgsqlDataSource db, ServiceDatabase database)
{
    /// <summary>The NOTIFY channel that wakes the sender as soon as a delivery is queued.</summary>
    public const string Channel = "dkst_email";

    /// <summary>A queued delivery as the sender needs it.</summary>
    public sealed record DeliveryRow(Guid Id, string ToAddress, string ToName, string Subject, string Body, int Attempts) : IQueueItem;

    public static Task EnqueueAsync(DatabaseSession session, Guid? notificationId, string toAddress, string toName, string subject, string body,
        CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO email_deliveries (id, notification_id, to_address, to_name, subject, body)
            VALUES (@Id, @NotificationId, @ToAddress, @ToName, @Subject, @Body);
            SELECT pg_notify('{Channel}', '');
            """,
            new { Id = Guid.CreateVersion7(), NotificationId = notificationId, ToAddress = toAddress, ToName = toName, Subject = subject, Body = body },
            session.Tx, cancellationToken: cancellationToken));

    /// <summary>Claims due deliveries (and those whose sender died mid-send) with a lease, in a short transaction.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> ClaimAsync(int limit, TimeSpan lease, CancellationToken ct) =>
        await LeasedClaim.ClaimAsync<DeliveryRow>(db, "email_deliveries",
            "id AS Id, to_address AS ToAddress, to_name AS ToName, subject AS Subject, body AS Body, attempts AS Attempts",
            limit, lease, ct);

    /// <summary>Records one attempt's outcome on its own: sent, pending (retried at <paramref name="next"/>) or failed.</summary>
    public Task RecordAsync(Guid id, string status, int attempts, string? error, DateTimeOffset next, CancellationToken ct) =>
        database.ExecuteAsync(
            """
            UPDATE email_deliveries
            SET status = @status, attempts = @attempts, last_error = @error, lease_until = NULL,
                sent_at = CASE WHEN @status = 'sent' THEN now() END, next_attempt_at = @next
            WHERE id = @id
            """,
            new { id, status, attempts, error, next }, ct);
}
