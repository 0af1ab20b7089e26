using System.Text.Json;
using Dapper;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Hàng đợi gửi: messages for the outbound channels wait in <c>deliveries</c>, queued in the same transaction as the
/// notice that caused them, until the channel's <see cref="Workers.DeliverySender"/> claims, sends and records each one
/// (<c>delivery_attempts</c> is the log). A delivery that fails for good on its channel hands over to the next channel of
/// its fallback list in the same transaction as its own record, so a message is neither lost nor sent twice by us.
/// </summary>
public sealed class DeliveryStore(NpgsqlDataSource db, ServiceDatabase database)
{
    /// <summary>The NOTIFY channel that wakes a channel's sender as soon as a delivery is queued for it.</summary>
    public static string SignalOf(string channel) => $"dkst_delivery_{channel}";

    /// <summary>A queued delivery as its sender needs it.</summary>
    public sealed record DeliveryRow(
        Guid Id, Guid? NotificationId, string Channel, string Address, string RecipientName, string? Kind, string? TemplateValues,
        string? Subject, string? Body, int Attempts) : IQueueItem
    {
        public IReadOnlyDictionary<string, string> Values =>
            TemplateValues is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(TemplateValues)!;
    }

    private const string Returning =
        """
        id AS Id, notification_id AS NotificationId, channel AS Channel, address AS Address, recipient_name AS RecipientName,
        kind AS Kind, template_values::text AS TemplateValues, subject AS Subject, body AS Body, attempts AS Attempts
        """;

    /// <summary>
    /// Queues a notice for the first channel of <paramref name="steps"/>, the others kept as its fallback; nothing when the
    /// plan has no outbound channel.
    /// </summary>
    public static async Task EnqueueAsync(DatabaseSession session, Guid? notificationId, Notice notice, IReadOnlyList<ChannelStep> steps,
        CancellationToken cancellationToken)
    {
        if (steps.Count == 0)
        {
            return;
        }

        await InsertAsync(session, Guid.CreateVersion7(), notificationId, notice.RecipientId, notice.RecipientName, notice.Kind,
            JsonSerializer.Serialize(notice.Values), steps[0], steps.Skip(1).ToList(), fallbackOf: null, cancellationToken);
    }

    private static Task InsertAsync(DatabaseSession session, Guid id, Guid? notificationId, string? recipientId, string recipientName, string? kind,
        string? values, ChannelStep step, IReadOnlyList<ChannelStep> rest, Guid? fallbackOf, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO deliveries (id, notification_id, recipient_id, recipient_name, channel, address, kind, template_values,
                                    fallback, fallback_of, next_attempt_at)
            VALUES (@Id, @NotificationId, @RecipientId, @RecipientName, @Channel, @Address, @Kind, @Values::jsonb,
                    @Fallback::jsonb, @FallbackOf, @NotBefore);
            SELECT pg_notify('dkst_delivery_' || @Channel, '');
            """,
            new
            {
                Id = id, NotificationId = notificationId, RecipientId = recipientId, RecipientName = recipientName, step.Channel, step.Address,
                Kind = kind, Values = values, Fallback = JsonSerializer.Serialize(rest), FallbackOf = fallbackOf, step.NotBefore,
            },
            session.Tx, cancellationToken: cancellationToken));

    /// <summary>Claims due deliveries of one channel (and those whose sender died mid-send) with a lease.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> ClaimAsync(string channel, int limit, TimeSpan lease, CancellationToken ct) =>
        await LeasedClaim.ClaimAsync<DeliveryRow>(db, "deliveries", Returning, limit, lease, ct, ("channel", channel));

    /// <summary>
    /// Records that the provider accepted the message, on its own and before anything else is done, so that a crash
    /// right after cannot make it look unsent.
    /// </summary>
    public Task RecordSentAsync(DeliveryRow row, string? providerMessageId, CancellationToken ct) =>
        database.ExecuteAsync(
            """
            UPDATE deliveries SET status = 'sent', attempts = @Attempt, last_error = NULL, lease_until = NULL, sent_at = now(),
                                  provider_message_id = @ProviderMessageId
            WHERE id = @Id;
            INSERT INTO delivery_attempts (delivery_id, attempt, channel, outcome, provider_message_id) VALUES (@Id, @Attempt, @Channel, 'sent', @ProviderMessageId);
            """,
            new { row.Id, Attempt = row.Attempts + 1, row.Channel, ProviderMessageId = providerMessageId }, ct);

    /// <summary>
    /// Records a failed attempt: pending again at <paramref name="next"/> (retry), or given up ('failed' when the provider
    /// refused it for good, 'dead' after the last try allowed), in which case the next channel of its fallback is queued in
    /// the same transaction.
    /// </summary>
    public async Task RecordFailureAsync(DeliveryRow row, string status, int attempt, string error, DateTimeOffset next, CancellationToken token)
    {
        await using var session = await database.BeginAsync(token);
        {
            var fallback = await session.Connection.QuerySingleAsync<string>(new CommandDefinition(
                """
                UPDATE deliveries SET status = @Status, attempts = @Attempt, last_error = @Error, lease_until = NULL, next_attempt_at = @Next
                WHERE id = @Id RETURNING fallback::text
                """, new { row.Id, Status = status, Attempt = attempt, Error = error, Next = next }, session.Tx, cancellationToken: token));
            await session.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO delivery_attempts (delivery_id, attempt, channel, outcome, error) VALUES (@Id, @Attempt, @Channel, @Outcome, @Error)",
                new { row.Id, Attempt = attempt, row.Channel, Outcome = status == "pending" ? "retry" : status, Error = error }, session.Tx, cancellationToken: token));
            var rest = JsonSerializer.Deserialize<List<ChannelStep>>(fallback) ?? [];
            if (status != "pending" && rest.Count > 0)
            {
                await InsertAsync(session, Guid.CreateVersion7(), row.NotificationId, null, row.RecipientName, row.Kind, row.TemplateValues,
                    rest[0], rest.Skip(1).ToList(), row.Id, token);
            }
        }

        await session.CommitAsync(token);
    }

    /// <summary>Puts a claimed delivery back, due at <paramref name="next"/>, without counting an attempt (the channel's daily quota is spent).</summary>
    public Task HoldAsync(DeliveryRow row, DateTimeOffset next, string reason, CancellationToken ct) =>
        database.ExecuteAsync(
            """
            UPDATE deliveries SET status = 'pending', lease_until = NULL, next_attempt_at = @Next WHERE id = @Id;
            INSERT INTO delivery_attempts (delivery_id, attempt, channel, outcome, error) VALUES (@Id, @Attempts, @Channel, 'held', @Reason);
            """, new { row.Id, Next = next, row.Attempts, row.Channel, Reason = reason }, ct);

    /// <summary>Gives back deliveries a stopping sender claimed and did not try: due again now, no attempt counted.</summary>
    public Task ReleaseAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        database.ExecuteAsync("UPDATE deliveries SET status = 'pending', lease_until = NULL WHERE id = ANY(@ids) AND status = 'sending'", new { ids = ids.ToArray() }, ct);

    /// <summary>
    /// Hạn mức trong ngày (daily quota): claims due deliveries of a channel, no more than what is left of
    /// <paramref name="perDay"/> since <paramref name="since"/> (midnight in Vietnam). What is left counts the messages
    /// sent and those claimed and still in flight (a live lease) on any replica; replicas claim one at a time (a
    /// transaction lock per channel), so N a day means at most N sent, however many replicas share the queue. A refused
    /// send frees its place: the quota is the provider's, which counts what it accepted.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryRow>> ClaimWithinQuotaAsync(
        string channel, int limit, int perDay, DateTimeOffset since, TimeSpan lease, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('deliveries_quota'), hashtext(@channel))", new { channel }, session.Tx, cancellationToken: ct));
        var used = await session.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT count(*)::int FROM deliveries
            WHERE channel = @channel AND ((status = 'sent' AND sent_at >= @since) OR (status = 'sending' AND lease_until >= now()))
            """, new { channel, since }, session.Tx, cancellationToken: ct));
        var room = Math.Min(limit, Math.Max(0, perDay - used));
        if (room == 0)
        {
            return [];
        }

        var rows = (await session.Connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"""
            UPDATE deliveries SET status = 'sending', lease_until = now() + @Lease
            WHERE id IN (
                SELECT id FROM deliveries
                WHERE ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_until < now())) AND channel = @channel
                ORDER BY next_attempt_at LIMIT @Limit FOR UPDATE SKIP LOCKED)
            RETURNING {Returning}
            """, new { Lease = lease, Limit = room, channel }, session.Tx, cancellationToken: ct))).ToList();
        await session.CommitAsync(ct);
        return rows;
    }
}
