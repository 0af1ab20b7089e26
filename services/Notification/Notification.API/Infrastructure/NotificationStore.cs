using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>A notice in a person's inbox.</summary>
public sealed record NotificationRow(Guid Id, string Kind, string Title, string Body, Guid? SubjectId, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>The in-app inbox (<c>notifications</c>) as its reader sees it; notices are filed by <see cref="NotificationDispatcher"/>.</summary>
public sealed class NotificationStore(ServiceDatabase db)
{
    /// <summary>
    /// The notices of the recipient's inboxes (<see cref="Inbox.Of"/>), newest first; after <paramref name="before"/> (a
    /// notice of theirs) when given. Keyset paging on (created_at, id): notices that arrive meanwhile shift no page. Null
    /// when <paramref name="before"/> is not a notice of these inboxes.
    /// </summary>
    public Task<IReadOnlyList<NotificationRow>?> ListAsync(IReadOnlyList<string> recipientIds, bool unreadOnly, Guid? before, int limit) =>
        db.ReadAsync<IReadOnlyList<NotificationRow>?>(null, async (connection, _) =>
        {
            var recipients = recipientIds.ToArray();
            if (before is { } id && !await connection.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM notifications WHERE id = @id AND recipient_id = ANY(@recipients))", new { id, recipients }))
            {
                return null;
            }

            return (await connection.QueryAsync<NotificationRow>(
                """
                SELECT id AS Id, kind AS Kind, title AS Title, body AS Body, subject_id AS SubjectId, created_at AS CreatedAt, read_at AS ReadAt
                FROM notifications
                WHERE recipient_id = ANY(@Recipients) AND (NOT @UnreadOnly OR read_at IS NULL)
                  AND (@Before::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM notifications WHERE id = @Before))
                ORDER BY created_at DESC, id DESC LIMIT @Limit
                """, new { Recipients = recipients, UnreadOnly = unreadOnly, Before = before, Limit = limit })).ToList();
        }, default);

    /// <summary>How many notices of the recipient's inboxes are unread.</summary>
    public Task<int> CountUnreadAsync(IReadOnlyList<string> recipientIds) =>
        db.ReadAsync(null, (connection, _) => connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM notifications WHERE recipient_id = ANY(@RecipientIds) AND read_at IS NULL",
            new { RecipientIds = recipientIds.ToArray() }), default);

    /// <summary>Marks a notice of the recipient's inboxes read (the first reading is kept); false when they have no such notice.</summary>
    public async Task<bool> MarkReadAsync(Guid id, IReadOnlyList<string> recipientIds) =>
        await db.ExecuteAsync(
            "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = @id AND recipient_id = ANY(@RecipientIds)",
            new { id, RecipientIds = recipientIds.ToArray() }, default) > 0;

    /// <summary>Marks every unread notice of the recipient's inboxes read; answers how many it marked.</summary>
    public Task<int> MarkAllReadAsync(IReadOnlyList<string> recipientIds) =>
        db.ExecuteAsync(
            "UPDATE notifications SET read_at = now() WHERE recipient_id = ANY(@RecipientIds) AND read_at IS NULL",
            new { RecipientIds = recipientIds.ToArray() }, default);
}
