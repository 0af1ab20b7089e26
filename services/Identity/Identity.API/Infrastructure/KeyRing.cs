using System.Security.Cryptography;
using DoanKetSangTao.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>
/// The provider's keys, from the database: every replica signs with the same key, a new signing key is published
/// (JWKS) an hour before it signs anything so that validators have learnt it, and the old one stays published until the
/// tokens it signed have expired. Rotation is the <c>rotate-keys</c> operator command; replicas pick the change up
/// within a minute, without a restart.
/// </summary>
public sealed class KeyRing(IServiceScopeFactory scopes, DatabaseSchema schema, TimeProvider clock, ILogger<KeyRing> logger)
    : BackgroundService, IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>,
    IConfigureOptions<OpenIddict.Client.OpenIddictClientOptions>, IOptionsChangeTokenSource<OpenIddict.Client.OpenIddictClientOptions>, Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary>How long a new signing key is published before it signs.</summary>
    public static readonly TimeSpan PrePublication = TimeSpan.FromHours(1);

    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private volatile Snapshot? current;

    // Set once OpenIddict has been told of the first keys: before that, its cached options may still hold the placeholder.
    private volatile bool loaded;
    private CancellationTokenSource changed = new();

    public string? Name => Options.DefaultName;

    /// <summary>Fires when the keys change: OpenIddict's server options are built again.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(changed.Token);

    /// <summary>Not ready until the database's keys are loaded: no token is signed with a key of this process alone.</summary>
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!loaded
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("the provider's keys are not loaded yet")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());

    /// <summary>The public keys tokens may be signed with now (the provider's own APIs validate against them).</summary>
    public IEnumerable<SecurityKey> ValidationKeys => current?.Signing ?? [];


    public void Configure(OpenIddictServerOptions options) => AddCredentials(options.SigningCredentials, options.EncryptionCredentials);

    /// <summary>
    /// The client side (sign-in through an external provider) protects its state tokens with the same keys, so that the
    /// callback can land on any replica.
    /// </summary>
    public void Configure(OpenIddict.Client.OpenIddictClientOptions options) => AddCredentials(options.SigningCredentials, options.EncryptionCredentials);

    private void AddCredentials(List<SigningCredentials> signingCredentials, List<EncryptingCredentials> encryptionCredentials)
    {
        var snapshot = current;
        if (snapshot is null)
        {
            // Before the schema exists (the first probe of a new replica): a key of this process alone, replaced by the
            // database's keys as soon as they are loaded. Nothing is issued before readiness.
            signingCredentials.Add(new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256));
            encryptionCredentials.Add(new EncryptingCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
            return;
        }

        // The first signing credential is the one OpenIddict signs with; the others are only published.
        foreach (var key in snapshot.Signing)
        {
            signingCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }

        encryptionCredentials.Add(new EncryptingCredentials(snapshot.Encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WhenReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(RefreshEvery, clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not reload the provider's keys; the ones loaded before stay in use.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Loads the keys (creating the first ones on a new database) and tells OpenIddict when they changed.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = clock.GetUtcNow();
        var rows = await db.ProviderKeys.AsNoTracking().Where(k => k.RetiredAt == null || k.RetiredAt > now).ToListAsync(ct);
        if (!rows.Any(k => k.Use == Signing) || !rows.Any(k => k.Use == Encryption))
        {
            await CreateFirstKeysAsync(db, now, ct);
            rows = await db.ProviderKeys.AsNoTracking().Where(k => k.RetiredAt == null || k.RetiredAt > now).ToListAsync(ct);
        }

        var signing = rows.Where(k => k.Use == Signing)
            // Active keys first, newest active first; keys still in pre-publication after them.
            .OrderBy(k => k.ActiveFrom > now).ThenByDescending(k => k.ActiveFrom).Select(Key).ToList();
        var encryption = Key(rows.Where(k => k.Use == Encryption).OrderByDescending(k => k.CreatedAt).First());
        var fingerprint = string.Join(',', signing.Select(k => k.KeyId)) + "|" + encryption.KeyId;
        if (current?.Fingerprint == fingerprint)
        {
            return;
        }

        current = new Snapshot(signing, encryption, fingerprint);
        logger.LogInformation("Provider keys loaded: signing with {KeyId}, publishing {Count}.", signing[0].KeyId, signing.Count);
        var previous = Interlocked.Exchange(ref changed, new CancellationTokenSource());
        await previous.CancelAsync();
        previous.Dispose();
        loaded = true;
    }

    /// <summary>
    /// Adds a signing key that signs from <see cref="PrePublication"/> on, and retires the keys it replaces once every token
    /// they signed has expired.
    /// </summary>
    public static async Task<ProviderKey> RotateAsync(IdentityDb db, DateTimeOffset now, TimeSpan longestTokenLifetime, CancellationToken ct)
    {
        var next = NewKey(Signing, now, now + PrePublication);
        var replaced = await db.ProviderKeys.Where(k => k.Use == Signing && k.RetiredAt == null).ToListAsync(ct);
        foreach (var old in replaced)
        {
            old.RetiredAt = next.ActiveFrom + longestTokenLifetime + TimeSpan.FromMinutes(5);
        }

        db.ProviderKeys.Add(next);
        await db.SaveChangesAsync(ct);
        return next;
    }

    private static async Task CreateFirstKeysAsync(IdentityDb db, DateTimeOffset now, CancellationToken ct)
    {
        // One replica creates them: the others wait on the lock and then find them.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('identity_provider_keys'))", ct);
        if (!await db.ProviderKeys.AnyAsync(k => k.Use == Signing && (k.RetiredAt == null || k.RetiredAt > now), ct))
        {
            db.ProviderKeys.Add(NewKey(Signing, now, now));
        }

        if (!await db.ProviderKeys.AnyAsync(k => k.Use == Encryption && (k.RetiredAt == null || k.RetiredAt > now), ct))
        {
            db.ProviderKeys.Add(NewKey(Encryption, now, now));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static ProviderKey NewKey(string use, DateTimeOffset now, DateTimeOffset activeFrom)
    {
        using var rsa = RSA.Create(2048);
        return new ProviderKey { Id = Guid.CreateVersion7(), Use = use, PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(), CreatedAt = now, ActiveFrom = activeFrom };
    }

    private static RsaSecurityKey Key(ProviderKey row)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(row.PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = row.Id.ToString("N") };
    }

    private sealed record Snapshot(IReadOnlyList<RsaSecurityKey> Signing, RsaSecurityKey Encryption, string Fingerprint);
}
