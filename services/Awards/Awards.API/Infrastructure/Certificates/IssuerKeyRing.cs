using System.Security.Cryptography;
using Dapper;
using DoanKetSangTao.Awards.Certificates;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Infrastructure.Certificates;

/// <summary>
/// The issuing bodies' sealing keys (ECDSA P-256), in the database so that every replica seals with the same key. A body's
/// first key is made when it first seals, inside the caller's transaction; <see cref="RotateAsync"/> (the operator
/// command <c>rotate-certificate-keys</c>) retires the current keys and makes new ones. Retired keys stay in the
/// trust list with their retirement date: what they sealed keeps verifying.
/// </summary>
public sealed class IssuerKeyRing(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The body's current key, made if it has none. The caller disposes it. Locks only when a key must be made, so that two
    /// transactions making the same body's first key wait for each other instead of one failing on the unique index.
    /// </summary>
    public async Task<SealingKey> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string bodyKey, string bodyName, CancellationToken ct)
    {
        var row = await CurrentRowAsync(connection, transaction, bodyKey, ct);
        if (row is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtextextended('dkst-certificate-key:' || @bodyKey, 0))", new { bodyKey }, transaction, cancellationToken: ct));
            row = await CurrentRowAsync(connection, transaction, bodyKey, ct) ?? await InsertAsync(connection, transaction, bodyKey, bodyName, ct);
        }

        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(row.PrivateKey, out _);
        return new SealingKey(bodyKey, row.Kid, key);
    }

    /// <summary>
    /// Retires the current key of <paramref name="bodyKey"/> (every body's when null) and makes its successor, which seals
    /// from now on. Answers the new keys' ids by body.
    /// </summary>
    public static async Task<IReadOnlyList<(string BodyKey, string Kid)>> RotateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? bodyKey, CancellationToken ct)
    {
        var retired = (await connection.QueryAsync<(string BodyKey, string BodyName)>(new CommandDefinition(
            """
            UPDATE certificate_issuer_keys SET retired_at = now()
            WHERE retired_at IS NULL AND (@bodyKey::text IS NULL OR body_key = @bodyKey)
            RETURNING body_key, body_name
            """, new { bodyKey }, transaction, cancellationToken: ct))).ToList();
        var made = new List<(string, string)>();
        foreach (var (body, name) in retired.OrderBy(r => r.BodyKey, StringComparer.Ordinal))
        {
            made.Add((body, (await InsertAsync(connection, transaction, body, name, ct)).Kid));
        }

        return made;
    }

    /// <summary>Every body's keys, current and retired: what the service publishes and an offline checker trusts.</summary>
    public async Task<TrustList> TrustListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string BodyKey, string BodyName, string Kid, byte[] PublicKey, DateTime ActivatesAt, DateTime? RetiredAt)>(
            new CommandDefinition(
                """
                SELECT body_key, body_name, kid, public_key, activates_at, retired_at
                FROM certificate_issuer_keys ORDER BY body_key, activates_at, kid
                """, cancellationToken: ct));
        return new TrustList(rows.GroupBy(r => r.BodyKey, StringComparer.Ordinal)
            .Select(g => new TrustedBody(g.Key, g.Last().BodyName, g.Select(k => new TrustedKey(
                k.Kid, TrustedKey.Es256, Convert.ToBase64String(k.PublicKey), Utc(k.ActivatesAt), k.RetiredAt is { } r ? Utc(r) : null)).ToList()))
            .ToList());
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static async Task<KeyRow?> CurrentRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string bodyKey, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT kid AS Kid, private_key AS PrivateKey FROM certificate_issuer_keys WHERE body_key = @bodyKey AND retired_at IS NULL",
            new { bodyKey }, transaction, cancellationToken: ct));

    private static async Task<KeyRow> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string bodyKey, string bodyName, CancellationToken ct)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var row = new KeyRow(CertificateSeal.KeyId(publicKey), key.ExportPkcs8PrivateKey());
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificate_issuer_keys (kid, body_key, body_name, public_key, private_key, activates_at)
            VALUES (@Kid, @bodyKey, @bodyName, @publicKey, @PrivateKey, now())
            """, new { row.Kid, bodyKey, bodyName, publicKey, row.PrivateKey }, transaction, cancellationToken: ct));
        return row;
    }

    private sealed record KeyRow(string Kid, byte[] PrivateKey);
}
