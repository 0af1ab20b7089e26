using Dapper;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Email;

/// <summary>E-mails are queued in the database with the notification that caused them and sent by <see cref="EmailSender"/>.</summary>
public static class EmailQueue
{
    public const string Channel = "dkst_email";

    public static Task EnqueueAsync(NpgsqlTransaction transaction, Guid notificationId, string toAddress, string toName, string subject, string body,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO email_deliveries (id, notification_id, to_address, to_name, subject, body)
            VALUES (@Id, @NotificationId, @ToAddress, @ToName, @Subject, @Body);
            SELECT pg_notify('{Channel}', '');
            """,
            new { Id = Guid.CreateVersion7(), NotificationId = notificationId, ToAddress = toAddress, ToName = toName, Subject = subject, Body = body },
            transaction, cancellationToken: cancellationToken));
}
