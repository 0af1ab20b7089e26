using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>A notice in a person's inbox.</summary>
public sealed record NotificationRow(Guid Id, string Kind, string Title, string Body, Guid? SubjectId, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>The in-app inbox (<c>notifications</c>) as its reader sees it; notices are filed by <see cref="NotificationDispatcher"/>.</summary>
public sealed class NotificationStore(ServiceDatabase db)
{
    /// <summary>The notices of the recipient's inboxes (<see cref="Inbox.Of"/>), newest first.</summary>
    public Task<IReadOnlyList<NotificationRow>> ListAsync(IReadOnlyList<string> recipientIds, bool unreadOnly, int limit) =>
        db.ReadAsync<IReadOnlyList<NotificationRow>>(null, async (connection, _) => (await connection.QueryAsync<NotificationRow>(
            """
            SELECT id AS Id, kind AS Kind, title AS Title, body AS Body, subject_id AS SubjectId, created_at AS CreatedAt, read_at AS ReadAt
            FROM notifications
            WHERE recipient_id = ANY(@RecipientIds) AND (NOT @UnreadOnly OR read_at IS NULL)
            ORDER BY created_at DESC LIMIT @Limit
            """, new { RecipientIds = recipientIds.ToArray(), UnreadOnly = unreadOnly, Limit = limit })).ToList(), default);

    /// <summary>Marks a notice of the recipient's inboxes read (the first reading is kept); false when they have no such notice.</summary>
    public async Task<bool> MarkReadAsync(Guid id, IReadOnlyList<string> recipientIds) =>
        await db.ExecuteAsync(
            "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = @id AND recipient_id = ANY(@RecipientIds)",
            new { id, RecipientIds = recipientIds.ToArray() }, default) > 0;
}
