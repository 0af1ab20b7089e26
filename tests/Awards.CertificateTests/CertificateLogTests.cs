using Dapper;
using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.Certificates;
using Npgsql;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>The transparency log on the real database: appended in the caller's transaction, one chain, no edits.</summary>
public sealed class CertificateLogTests(AwardsDatabase db) : IClassFixture<AwardsDatabase>
{
    private static CertificateLogEvent Issued(string code, string decision = "15/QĐ-MTTQ-BTT") =>
        new(CertificateLogChain.Issued, code, decision, "mttq:province:49");

    private async Task<IReadOnlyList<CertificateLogEntry>> AppendAsync(params CertificateLogEvent[] events)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var entries = await CertificateLog.AppendManyAsync(connection, tx, events, CancellationToken.None);
        await tx.CommitAsync();
        return entries;
    }

    private Task<IReadOnlyList<CertificateLogEntry>> AllAsync() => new CertificateLog(db.DataSource).ReadAsync(0, CertificateLog.MaxPage, CancellationToken.None);

    [Fact]
    public async Task Concurrent_appenders_make_one_chain_without_gaps()
    {
        await AppendAsync(Issued("C-A1"), Issued("C-A2"), Issued("C-A3"));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AppendAsync(Issued($"C-P{i}"))));

        // A rolled-back append leaves nothing behind: the next one takes its number.
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await CertificateLog.AppendAsync(connection, tx, Issued("C-ROLLED-BACK"), CancellationToken.None);
            await tx.RollbackAsync();
        }

        await AppendAsync(new CertificateLogEvent(CertificateLogChain.Revoked, "C-A2", "16/QĐ-MTTQ-BTT", "mttq:province:49"));

        var all = await AllAsync();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.DoesNotContain(all, e => e.CertificateCode == "C-ROLLED-BACK");
        Assert.Null(CertificateLogChain.Verify(all));
        // A later page checks from the entry before it.
        Assert.Null(CertificateLogChain.Verify(all.Skip(5), all[4].Seq, all[4].EntryHash));
    }

    [Fact]
    public async Task The_table_refuses_update_delete_and_truncate()
    {
        await AppendAsync(Issued("C-T1"));
        foreach (var sql in new[]
                 {
                     "UPDATE certificate_log SET occurred_at = occurred_at - interval '1 day' WHERE certificate_code = 'C-T1'",
                     "DELETE FROM certificate_log WHERE certificate_code = 'C-T1'",
                     "TRUNCATE certificate_log",
                 })
        {
            await using var connection = await db.DataSource.OpenConnectionAsync();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        Assert.Contains(await AllAsync(), e => e.CertificateCode == "C-T1");
    }

    [Fact]
    public async Task The_verifier_finds_an_edited_removed_backdated_or_quietly_revoked_entry()
    {
        await AppendAsync(Issued("C-V1"), Issued("C-V2"), Issued("C-V3"), Issued("C-V4"));
        var all = (await AllAsync()).ToList();
        Assert.Null(CertificateLogChain.Verify(all));
        var i = all.FindIndex(e => e.CertificateCode == "C-V2");

        // Edited in place (another decision number): its hash no longer matches.
        var edited = all.ToList();
        edited[i] = edited[i] with { DecisionNumber = "99/QĐ-MTTQ-BTT" };
        Assert.Equal(all[i].Seq, CertificateLogChain.Verify(edited)!.Seq);

        // Removed: a gap in the numbers.
        var removed = all.ToList();
        removed.RemoveAt(i);
        Assert.Equal(all[i + 1].Seq, CertificateLogChain.Verify(removed)!.Seq);

        // Backdated, even with its own and every later hash recomputed: time goes back at that entry.
        var backdated = Rechain(all, i, e => e with { OccurredAt = e.OccurredAt.AddDays(-30) });
        var broken = CertificateLogChain.Verify(backdated)!;
        Assert.Equal(all[i].Seq, broken.Seq);
        Assert.Contains("ghi lùi", broken.Reason, StringComparison.Ordinal);

        // Edited and rehashed alone: the next entry no longer chains to it.
        var rehashed = all.ToList();
        var e2 = rehashed[i] with { CertificateCode = "C-FORGED" };
        rehashed[i] = e2 with { EntryHash = CertificateLogChain.Hash(e2.Seq, e2.Kind, e2.CertificateCode, e2.DecisionNumber, e2.BodyKey, e2.OccurredAt, e2.PrevHash) };
        Assert.Equal(all[i + 1].Seq, CertificateLogChain.Verify(rehashed)!.Seq);

        // A revocation of a certificate the log never issued.
        var quiet = Rechain(all, i, e => e with { Kind = CertificateLogChain.Revoked, CertificateCode = "C-NEVER" });
        Assert.Equal(all[i].Seq, CertificateLogChain.Verify(quiet)!.Seq);
    }

    /// <summary>The log with entry <paramref name="at"/> changed and every hash from there recomputed, as a forger with the database would.</summary>
    private static List<CertificateLogEntry> Rechain(List<CertificateLogEntry> entries, int at, Func<CertificateLogEntry, CertificateLogEntry> change)
    {
        var result = entries.Take(at).ToList();
        var prev = at == 0 ? CertificateLogChain.Genesis : entries[at - 1].EntryHash;
        foreach (var original in entries.Skip(at))
        {
            var e = (result.Count == at ? change(original) : original) with { PrevHash = prev };
            e = e with { EntryHash = CertificateLogChain.Hash(e.Seq, e.Kind, e.CertificateCode, e.DecisionNumber, e.BodyKey, e.OccurredAt, e.PrevHash) };
            result.Add(e);
            prev = e.EntryHash;
        }

        return result;
    }
}
