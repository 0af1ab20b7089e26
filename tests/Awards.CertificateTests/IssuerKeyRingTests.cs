using Dapper;
using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.Certificates;
using Npgsql;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>Issuing bodies' keys on the real database: made once, rotated, and old keys kept trusted.</summary>
public sealed class IssuerKeyRingTests(AwardsDatabase db) : IClassFixture<AwardsDatabase>
{
    private const string BaseUrl = "https://dkst.example.vn";

    private async Task<string> SealAsync(string body, CertificateClaims claims)
    {
        var ring = new IssuerKeyRing(db.DataSource);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        using var key = await ring.CurrentAsync(connection, tx, body, "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", CancellationToken.None);
        await tx.CommitAsync();
        return CertificateSeal.Seal(claims with { BodyKey = body }, key, BaseUrl);
    }

    private async Task<string> CurrentKidAsync(string body)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        using var key = await new IssuerKeyRing(db.DataSource).CurrentAsync(connection, tx, body, "Hội Liên hiệp Phụ nữ phường Ba Đình", CancellationToken.None);
        await tx.CommitAsync();
        return key.Kid;
    }

    [Fact]
    public async Task Concurrent_first_seals_of_a_body_share_one_key()
    {
        var kids = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CurrentKidAsync("hlhpn:commune:00004")));
        Assert.Single(kids.Distinct());
        await using var connection = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM certificate_issuer_keys WHERE body_key = 'hlhpn:commune:00004'"));
    }

    [Fact]
    public async Task Rotation_keeps_old_certificates_verifying_and_seals_new_ones_with_the_new_key()
    {
        const string body = "mttq:province:49";
        var before = await SealAsync(body, CertificateSealTests.Claims());
        var oldKid = CertificateSeal.Verify(before, await TrustListAsync()).Kid;

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            var made = await IssuerKeyRing.RotateAsync(connection, tx, body, CancellationToken.None);
            await tx.CommitAsync();
            Assert.Equal(body, Assert.Single(made).BodyKey);
        }

        var after = await SealAsync(body, CertificateSealTests.Claims("Lê Văn Bình"));
        var trust = await TrustListAsync();
        var keys = Assert.Single(trust.Bodies, b => b.BodyKey == body).Keys;
        Assert.Equal(2, keys.Count);
        Assert.NotNull(Assert.Single(keys, k => k.Kid == oldKid).RetiredAt);
        Assert.Null(Assert.Single(keys, k => k.Kid != oldKid).RetiredAt);

        var old = CertificateSeal.Verify(before, trust);
        var fresh = CertificateSeal.Verify(after, trust);
        Assert.Equal((SealStatus.Valid, SealStatus.Valid), (old.Status, fresh.Status));
        Assert.NotEqual(old.Kid, fresh.Kid);
        Assert.Equal("Lê Văn Bình", fresh.Claims!.HolderName);
    }

    [Fact]
    public async Task A_key_is_never_deleted_nor_altered()
    {
        await CurrentKidAsync("mttq:commune:00001");
        foreach (var sql in new[]
                 {
                     "DELETE FROM certificate_issuer_keys WHERE body_key = 'mttq:commune:00001'",
                     "UPDATE certificate_issuer_keys SET public_key = '\\x00' WHERE body_key = 'mttq:commune:00001'",
                     "TRUNCATE certificate_issuer_keys",
                 })
        {
            await using var connection = await db.DataSource.OpenConnectionAsync();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    [Fact]
    public async Task A_rolled_back_issue_leaves_neither_a_key_nor_a_log_entry()
    {
        const string body = "mttq:province:48";
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            using var key = await new IssuerKeyRing(db.DataSource).CurrentAsync(connection, tx, body, "Ủy ban MTTQ Việt Nam thành phố Đà Nẵng", CancellationToken.None);
            await CertificateLog.AppendAsync(connection, tx, new CertificateLogEvent(CertificateLogChain.Issued, "D48-1", "15/QĐ-MTTQ-BTT", body), CancellationToken.None);
            await tx.RollbackAsync();
        }

        Assert.DoesNotContain((await TrustListAsync()).Bodies, b => b.BodyKey == body);
        Assert.DoesNotContain(await new CertificateLog(db.DataSource).ReadAsync(0, CertificateLog.MaxPage, CancellationToken.None), e => e.BodyKey == body);
    }

    private Task<TrustList> TrustListAsync() => new IssuerKeyRing(db.DataSource).TrustListAsync(CancellationToken.None);
}
