using Dapper;
using DoanKetSangTao.Awards.Certificates;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Infrastructure.Certificates;

/// <summary>What to record in the log: a certificate issued, revoked or superseded (<see cref="CertificateLogChain"/>'s kinds).</summary>
public sealed record CertificateLogEvent(string Kind, string CertificateCode, string DecisionNumber, string BodyKey);

/// <summary>
/// The public, append-only certificate log (table <c>certificate_log</c>). Entries are appended in the caller's
/// transaction, so they exist exactly when the certificates they tell of do; one advisory lock per transaction
/// serializes the appenders, so the chain has one head and seq no gap (a rolled-back append leaves nothing behind).
/// </summary>
public sealed class CertificateLog(NpgsqlDataSource dataSource)
{
    // "DKSTCLOG": one lock for the whole log, held until the caller's transaction ends.
    private const long LockKey = 0x444B_5354_434C_4F47;

    public const int MaxPage = 1000;

    public static async Task<CertificateLogEntry> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CertificateLogEvent entry, CancellationToken ct) =>
        (await AppendManyAsync(connection, transaction, [entry], ct))[0];

    /// <summary>Appends the events in order (a decision's thousand certificates in one statement); answers the entries.</summary>
    public static async Task<IReadOnlyList<CertificateLogEntry>> AppendManyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CertificateLogEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return [];
        }

        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction, cancellationToken: ct));
        // The head and the database's clock, read under the lock: time in the log never goes back, even across replicas
        // whose clocks differ, because it is the database's, and never earlier than the head's.
        var head = await connection.QuerySingleAsync<(long? Seq, string? Hash, DateTime? At, DateTime Now)>(new CommandDefinition(
            """
            SELECT h.seq, h.entry_hash, h.occurred_at, clock_timestamp()
            FROM (SELECT 1) one LEFT JOIN (SELECT seq, entry_hash, occurred_at FROM certificate_log ORDER BY seq DESC LIMIT 1) h ON true
            """, transaction: transaction, cancellationToken: ct));
        var now = new DateTimeOffset(DateTime.SpecifyKind(head.Now, DateTimeKind.Utc));
        if (head.At is { } last && new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)) > now)
        {
            now = new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc));
        }

        now = CertificateLogChain.Stored(now);
        var seq = head.Seq ?? 0;
        var prev = head.Hash ?? CertificateLogChain.Genesis;
        var entries = new List<CertificateLogEntry>(events.Count);
        foreach (var e in events)
        {
            seq++;
            var hash = CertificateLogChain.Hash(seq, e.Kind, e.CertificateCode, e.DecisionNumber, e.BodyKey, now, prev);
            entries.Add(new CertificateLogEntry(seq, e.Kind, e.CertificateCode, e.DecisionNumber, e.BodyKey, now, prev, hash));
            prev = hash;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificate_log (seq, kind, certificate_code, decision_number, body_key, occurred_at, prev_hash, entry_hash)
            SELECT * FROM unnest(@Seqs, @Kinds, @Codes, @Decisions, @Bodies, @At, @Prevs, @Hashes)
            """,
            new
            {
                Seqs = entries.Select(e => e.Seq).ToArray(),
                Kinds = entries.Select(e => e.Kind).ToArray(),
                Codes = entries.Select(e => e.CertificateCode).ToArray(),
                Decisions = entries.Select(e => e.DecisionNumber).ToArray(),
                Bodies = entries.Select(e => e.BodyKey).ToArray(),
                At = entries.Select(e => e.OccurredAt.UtcDateTime).ToArray(),
                Prevs = entries.Select(e => e.PrevHash).ToArray(),
                Hashes = entries.Select(e => e.EntryHash).ToArray(),
            }, transaction, cancellationToken: ct));
        return entries;
    }

    /// <summary>Entries after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<CertificateLogEntry>> ReadAsync(long afterSeq, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadAsync(connection, null, afterSeq, limit, ct);
    }

    public static async Task<IReadOnlyList<CertificateLogEntry>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long afterSeq, int limit, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(long Seq, string Kind, string Code, string Decision, string Body, DateTime At, string Prev, string Hash)>(
            new CommandDefinition(
                """
                SELECT seq, kind, certificate_code, decision_number, body_key, occurred_at, prev_hash, entry_hash
                FROM certificate_log WHERE seq > @afterSeq ORDER BY seq LIMIT @limit
                """, new { afterSeq, limit }, transaction, cancellationToken: ct));
        return rows.Select(r => new CertificateLogEntry(r.Seq, r.Kind, r.Code, r.Decision, r.Body,
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)), r.Prev, r.Hash)).ToList();
    }
}
