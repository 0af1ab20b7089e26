using Dapper;
using Npgsql;

namespace DoanKetSangTao.Data.Queues;

/// <summary>
/// The claim of a leased queue: for work done outside any transaction (an SMTP send, a reminder, a rendering), so a
/// slow item holds no transaction open. The table follows one convention: <c>id</c>, <c>status</c> ('pending',
/// 'sending', then whatever the queue records), <c>next_attempt_at</c> and <c>lease_until</c>. Due rows, and rows
/// whose worker died mid-item (lease run out), are marked 'sending' with a fresh lease under <c>SKIP LOCKED</c>, so
/// replicas never claim the same row at once; the queue clears the lease when it records the outcome.
/// </summary>
public static class LeasedClaim
{
    /// <param name="table">The queue's table (a constant of the queue's code, never input).</param>
    /// <param name="returning">The <c>RETURNING</c> list, mapped onto <typeparamref name="TItem"/>.</param>
    /// <param name="partition">When the table holds several queues (one per channel): the column that tells them apart (a constant of the queue's code), and this queue's value.</param>
    public static async Task<List<TItem>> ClaimAsync<TItem>(NpgsqlDataSource dataSource, string table, string returning, int limit, TimeSpan lease,
        CancellationToken cancellationToken, (string Column, string Value)? partition = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<TItem>(new CommandDefinition(
            $"""
            UPDATE {table} SET status = 'sending', lease_until = now() + @Lease
            WHERE id IN (
                SELECT id FROM {table}
                WHERE ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_until < now())){(partition is { } p ? $" AND {p.Column} = @Partition" : "")}
                ORDER BY next_attempt_at LIMIT @Limit FOR UPDATE SKIP LOCKED)
            RETURNING {returning}
            """, new { Lease = lease, Limit = limit, Partition = partition?.Value }, cancellationToken: cancellationToken))).ToList();
    }
}
