using Dapper;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Preferences;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Lịch tổng hợp: notices of digestible kinds wait in <c>digest_items</c> under the person's digest for the next sending
/// time (<c>digests</c>, one row per person and time), instead of going out one by one. At that time one replica claims
/// the digest with a lease (<see cref="Workers.DigestSender"/>), and in one transaction marks it sent and queues its one
/// message with <see cref="DeliveryStore"/>: a digest is sent once, whichever replica claims it and however often.
/// </summary>
public sealed class DigestStore(NpgsqlDataSource db, ServiceDatabase database, PreferenceStore preferences)
{
    /// <summary>The NOTIFY channel that wakes the digest sender (a digest made due by hand, an operator's replay).</summary>
    public const string Signal = "dkst_digest";

    /// <summary>Who reads a digest: its person, or each officer of the unit whose digest it is.</summary>
    public sealed record DigestReader(string RecipientId, string Name, Contact Contact);

    public sealed record DigestRow(Guid Id, string RecipientId, string RecipientName, string? Email, string? Phone, string Frequency, DateTime SendsAt, int Attempts)
        : IQueueItem;

    private const string Returning =
        """
        id AS Id, recipient_id AS RecipientId, recipient_name AS RecipientName, email AS Email, phone AS Phone, frequency AS Frequency,
        sends_at AS SendsAt, attempts AS Attempts
        """;

    /// <summary>
    /// Files a notice under the person's next digest (created when it is the first). Locking the digest's row orders this
    /// with its sending: a digest already sent when this commits hands the notice to the one after.
    /// </summary>
    public static async Task AddAsync(DatabaseSession session, Notice notice, NotificationKind kind, Guid? notificationId, string title,
        PersonPreferences person, DateTimeOffset now, CancellationToken ct)
    {
        var reach = Reach.Of(notice.Contact, person);
        var sendsAt = DigestFrequencies.NextSend(person.Digest, now);
        for (var tries = 0; ; tries++)
        {
            var (id, status) = await session.Connection.QuerySingleAsync<(Guid, string)>(new CommandDefinition(
                """
                INSERT INTO digests (id, recipient_id, recipient_name, email, phone, frequency, sends_at, next_attempt_at)
                VALUES (@Id, @RecipientId, @RecipientName, @Email, @Phone, @Frequency, @SendsAt, @SendsAt)
                ON CONFLICT (recipient_id, sends_at) DO UPDATE SET recipient_name = EXCLUDED.recipient_name,
                    email = coalesce(EXCLUDED.email, digests.email), phone = coalesce(EXCLUDED.phone, digests.phone)
                RETURNING id, status
                """,
                new { Id = Guid.CreateVersion7(), notice.RecipientId, notice.RecipientName, reach.Email, reach.Phone, Frequency = person.Digest, SendsAt = sendsAt },
                session.Tx, cancellationToken: ct));
            if (status is "pending" or "sending")
            {
                await session.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO digest_items (id, digest_id, notification_id, kind, category, title)
                    VALUES (@ItemId, @DigestId, @NotificationId, @Kind, @Category, @Title)
                    """,
                    new { ItemId = Guid.CreateVersion7(), DigestId = id, NotificationId = notificationId, Kind = kind.Code, kind.Category, Title = title },
                    session.Tx, cancellationToken: ct));
                return;
            }

            // Sent (or given up) meanwhile: the next one, which cannot have gone yet. A few rounds at most, whatever the race.
            if (tries >= 3)
            {
                throw new InvalidOperationException($"No open digest for {notice.RecipientId} after {sendsAt:O}.");
            }

            sendsAt = DigestFrequencies.NextSend(person.Digest, sendsAt);
        }
    }

    /// <summary>Claims due digests (and those whose sender died mid-send) with a lease.</summary>
    public async Task<IReadOnlyList<DigestRow>> ClaimAsync(int limit, TimeSpan lease, CancellationToken ct) =>
        await LeasedClaim.ClaimAsync<DigestRow>(db, "digests", Returning, limit, lease, ct);

    private sealed record ItemRow(string Category, string Title, DateTime CreatedAt);

    /// <summary>
    /// Sends a claimed digest: marks it sent (only if no other replica did) and queues its one message listing its notices,
    /// in one transaction. False when another replica had already sent it.
    /// </summary>
    /// <param name="readers">For a unit's digest: its officers today, each sent the digest by their own channels.</param>
    public async Task<bool> SendAsync(DigestRow digest, DateTimeOffset now, IReadOnlyList<DigestReader>? readers, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(ct);
        var mine = await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE digests SET status = 'sent', sent_at = now(), lease_until = NULL, attempts = attempts + 1 WHERE id = @Id AND status = 'sending'",
            new { digest.Id }, session.Tx, cancellationToken: ct));
        if (mine == 0)
        {
            await session.RollbackAsync(ct);
            return false;
        }

        // Read after the row is locked: a notice filed under this digest before the lock is listed; one after goes to the next.
        var items = (await session.Connection.QueryAsync<ItemRow>(new CommandDefinition(
            "SELECT category AS Category, title AS Title, created_at AS CreatedAt FROM digest_items WHERE digest_id = @Id ORDER BY created_at, id",
            new { digest.Id }, session.Tx, cancellationToken: ct))).ToList();
        foreach (var reader in items.Count == 0 ? [] : readers ?? [new DigestReader(digest.RecipientId, digest.RecipientName, new Contact(digest.Email, digest.Phone))])
        {
            var steps = await preferences.PlanDigestAsync(session, reader.RecipientId, reader.Contact, items.Select(i => i.Category).Distinct(), now, ct);
            var values = DigestKinds.Values(reader.Name, digest.Frequency, new DateTimeOffset(DateTime.SpecifyKind(digest.SendsAt, DateTimeKind.Utc)),
                items.Select(i => (i.Title, new DateTimeOffset(DateTime.SpecifyKind(i.CreatedAt, DateTimeKind.Utc)))).ToList());
            await DeliveryStore.EnqueueAsync(session, null, new Notice(DigestKinds.DigestKind, reader.RecipientId, reader.Name, reader.Contact, null, values),
                steps, ct);
        }

        await session.CommitAsync(ct);
        return true;
    }

    /// <summary>Records a failed attempt: due again at <paramref name="next"/>, or failed for good.</summary>
    public Task RecordFailureAsync(DigestRow digest, bool givesUp, int attempt, string error, DateTimeOffset next, CancellationToken ct) =>
        database.ExecuteAsync(
            """
            UPDATE digests SET status = @Status, attempts = @Attempt, last_error = @Error, lease_until = NULL, next_attempt_at = @Next
            WHERE id = @Id AND status = 'sending'
            """, new { digest.Id, Status = givesUp ? "failed" : "pending", Attempt = attempt, Error = error, Next = next }, ct);
}
