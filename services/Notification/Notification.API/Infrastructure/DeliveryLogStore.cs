using Dapper;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Notification.API.Infrastructure;

public sealed record DeliveryLogRow(
    Guid Id, Guid? NotificationId, string? Kind, string Channel, string Address, string Status, int Attempts, string? LastError,
    string? ProviderMessageId, Guid? FallbackOf, DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt);

public sealed record DeliveryAttemptRow(int Attempt, string Channel, string Outcome, string? ProviderMessageId, string? Error, DateTime At);

/// <summary>The delivery log as operators read it, and the replay of dead letters.</summary>
public sealed class DeliveryLogStore(ServiceDatabase database)
{
    private const string Columns =
        """
        id AS Id, notification_id AS NotificationId, kind AS Kind, channel AS Channel, address AS Address, status AS Status,
        attempts AS Attempts, last_error AS LastError, provider_message_id AS ProviderMessageId, fallback_of AS FallbackOf,
        created_at AS CreatedAt, sent_at AS SentAt, next_attempt_at AS NextAttemptAt
        """;

    /// <summary>Newest first, by status, channel and recipient address when given.</summary>
    public Task<List<DeliveryLogRow>> ListAsync(string? status, string? channel, string? address, int limit, CancellationToken ct) =>
        database.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<DeliveryLogRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM deliveries
            WHERE (@status::text IS NULL OR status = @status) AND (@channel::text IS NULL OR channel = @channel)
              AND (@address::text IS NULL OR lower(address) = lower(@address))
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """, new { status, channel, address, limit }, cancellationToken: ct))).ToList(), ct);

    public Task<(DeliveryLogRow Delivery, List<DeliveryAttemptRow> Attempts)?> GetAsync(Guid id, CancellationToken ct) =>
        database.ReadAsync<(DeliveryLogRow, List<DeliveryAttemptRow>)?>(null, async (connection, _) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<DeliveryLogRow>(new CommandDefinition(
                $"SELECT {Columns} FROM deliveries WHERE id = @id", new { id }, cancellationToken: ct));
            if (row is null)
            {
                return null;
            }

            var attempts = (await connection.QueryAsync<DeliveryAttemptRow>(new CommandDefinition(
                """
                SELECT attempt AS Attempt, channel AS Channel, outcome AS Outcome, provider_message_id AS ProviderMessageId, error AS Error, at AS At
                FROM delivery_attempts WHERE delivery_id = @id ORDER BY id
                """, new { id }, cancellationToken: ct))).ToList();
            return (row, attempts);
        }, ct);

    /// <summary>Whether the delivery's notice reached the person, or is on its way, on another channel (its fallback).</summary>
    public Task<bool> DeliveredElsewhereAsync(DeliveryLogRow row, CancellationToken ct) =>
        row.NotificationId is null ? Task.FromResult(false) : database.ReadAsync(null, (connection, _) => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM deliveries WHERE notification_id = @NotificationId AND id <> @Id AND status IN ('pending', 'sending', 'sent'))",
            new { row.NotificationId, row.Id }, cancellationToken: ct)), ct);

    /// <summary>
    /// Puts a dead or failed delivery back in its channel's queue with fresh tries; false when it changed meanwhile
    /// (another operator replayed it), so one replay sends one message.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid id, string expectedStatus, string replayedBy, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(ct);
        var channel = await session.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL
            WHERE id = @id AND status = @expectedStatus RETURNING channel
            """, new { id, expectedStatus }, session.Tx, cancellationToken: ct));
        if (channel is null)
        {
            return false;
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO delivery_attempts (delivery_id, attempt, channel, outcome, error) VALUES (@id, 0, @channel, 'replayed', @note);
            SELECT pg_notify('dkst_delivery_' || @channel, '');
            """, new { id, channel, note = $"Gửi lại bởi {replayedBy}" }, session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return true;
    }
}
