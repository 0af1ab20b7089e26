using System.Diagnostics;
using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.Certificates;
using Microsoft.AspNetCore.Http.HttpResults;
using Xunit.Abstractions;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>
/// The public endpoints' handlers on the real database (the routes are mapped by Program.cs on main, where the functional
/// tests reach them through HTTP): the log pages, bad paging refused with a Problem, and the trust list.
/// </summary>
public sealed class CertificatesPublicApiTests(AwardsDatabase db, ITestOutputHelper output) : IClassFixture<AwardsDatabase>
{
    [Fact]
    public async Task The_log_pages_chain_together_and_bad_paging_is_refused()
    {
        var clock = Stopwatch.StartNew();
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await CertificateLog.AppendManyAsync(connection, tx, Enumerable.Range(1, 1000)
                .Select(i => new CertificateLogEvent(CertificateLogChain.Issued, $"C-{i:D4}", "15/QĐ-MTTQ-BTT", "mttq:province:49")).ToList(), CancellationToken.None);
            await tx.CommitAsync();
        }

        output.WriteLine($"1000 log entries appended in one transaction in {clock.ElapsedMilliseconds} ms");
        var log = new CertificateLog(db.DataSource);
        var entries = new List<CertificateLogEntry>();
        long? after = 0;
        while (after is { } a)
        {
            var page = Assert.IsType<Ok<CertificateLogPage>>((await CertificatesPublicApi.GetLog(a, 300, log, CancellationToken.None)).Result).Value!;
            Assert.Null(CertificateLogChain.Verify(page.Entries, a, a == 0 ? null : entries[^1].EntryHash));
            entries.AddRange(page.Entries);
            after = page.Next;
        }

        Assert.Equal(1000, entries.Count);
        Assert.Null(CertificateLogChain.Verify(entries));

        foreach (var (from, limit, field) in new (long?, int?, string)[] { (-1, null, "after"), (null, 0, "limit"), (null, 1001, "limit") })
        {
            var refused = Assert.IsType<ProblemHttpResult>((await CertificatesPublicApi.GetLog(from, limit, log, CancellationToken.None)).Result);
            Assert.Equal(400, refused.StatusCode);
            Assert.Equal("validation_failed", refused.ProblemDetails.Extensions["code"]?.ToString());
            Assert.Contains(field, Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(refused.ProblemDetails.Extensions["errors"]).Keys);
        }
    }

    [Fact]
    public async Task The_trust_list_round_trips_through_its_json()
    {
        var ring = new IssuerKeyRing(db.DataSource);
        string text;
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            using var key = await ring.CurrentAsync(connection, tx, "mttq:province:01", "Ủy ban MTTQ Việt Nam thành phố Hà Nội", CancellationToken.None);
            await tx.CommitAsync();
            text = CertificateSeal.Seal(CertificateSealTests.Claims() with { BodyKey = "mttq:province:01" }, key, "https://dkst.example.vn");
        }

        var trust = (await CertificatesPublicApi.GetTrustList(ring, CancellationToken.None)).Value!;
        var body = Assert.Single(trust.Bodies, b => b.BodyKey == "mttq:province:01");
        Assert.Equal("Ủy ban MTTQ Việt Nam thành phố Hà Nội", body.BodyName);
        Assert.Equal(TrustedKey.Es256, Assert.Single(body.Keys).Alg);
        Assert.Equal(SealStatus.Valid, CertificateSeal.Verify(text, TrustList.Parse(System.Text.Json.JsonSerializer.Serialize(trust, TrustList.Json))!).Status);
    }
}
