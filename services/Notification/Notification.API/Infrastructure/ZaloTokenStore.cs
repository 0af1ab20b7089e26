using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Channels;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Làm mới mã truy cập Zalo OA (access token refresh). ZNS access tokens last about 25 hours; Zalo's OAuth v4 endpoint
/// (<c>POST {OAuthUrl}</c>, header <c>secret_key</c>, form <c>app_id</c>, <c>grant_type=refresh_token</c>,
/// <c>refresh_token</c>) answers a new one with the next refresh token, the used one being spent. The pair is kept in
/// <c>zalo_tokens</c>; a refresh happens under a transaction lock, re-reading the row first, so replicas never refresh at
/// once (the second finds the first's token and uses it) and never spend a refresh token twice. A token is renewed
/// <see cref="ZaloOptions.RefreshBefore"/> before it expires, or when ZNS refuses it (-124). Without the OAuth settings
/// the fixed <see cref="ZaloOptions.AccessToken"/> is used as is.
/// </summary>
public sealed class ZaloTokenStore(ServiceDatabase database, IHttpClientFactory clients, IOptions<ZaloOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "zalo-oauth";

    private Token? cached;

    private sealed record Token(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

    private sealed record Row(string AccessToken, string RefreshToken, DateTime ExpiresAt)
    {
        public Token ToToken() => new(AccessToken, RefreshToken, new DateTimeOffset(DateTime.SpecifyKind(ExpiresAt, DateTimeKind.Utc)));
    }

    public bool UsesRefresh => options.Value.UsesRefresh;

    /// <summary>The access token to send with: the one in force, renewed first when it is about to expire.</summary>
    public async Task<string> AccessTokenAsync(CancellationToken ct)
    {
        if (!UsesRefresh)
        {
            return options.Value.AccessToken!;
        }

        if (Volatile.Read(ref cached) is { } token && Fresh(token))
        {
            return token.AccessToken;
        }

        return await RefreshAsync(refused: null, ct);
    }

    /// <summary>ZNS refused <paramref name="refused"/>: a new token, unless another replica already replaced it.</summary>
    public Task<string> RenewAsync(string refused, CancellationToken ct) => RefreshAsync(refused, ct);

    private bool Fresh(Token token) => token.ExpiresAt - options.Value.RefreshBefore > clock.GetUtcNow();

    private async Task<string> RefreshAsync(string? refused, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('zalo_tokens'), 0)", transaction: session.Tx, cancellationToken: ct));
        var row = (await session.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT access_token AS AccessToken, refresh_token AS RefreshToken, expires_at AS ExpiresAt FROM zalo_tokens WHERE id = 1",
            transaction: session.Tx, cancellationToken: ct)))?.ToToken();
        if (row is not null && row.AccessToken != refused && Fresh(row))
        {
            // Another replica (or this one, earlier) refreshed already.
            Volatile.Write(ref cached, row);
            return row.AccessToken;
        }

        var next = await AskZaloAsync(row?.RefreshToken ?? options.Value.RefreshToken!, ct);
        // Recorded at once: the refresh token just used is spent at Zalo, the new one must not be lost.
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO zalo_tokens (id, access_token, refresh_token, expires_at, refreshed_at) VALUES (1, @AccessToken, @RefreshToken, @ExpiresAt, now())
            ON CONFLICT (id) DO UPDATE SET access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
                expires_at = EXCLUDED.expires_at, refreshed_at = now()
            """, next, session.Tx, cancellationToken: CancellationToken.None));
        await session.CommitAsync(CancellationToken.None);
        Volatile.Write(ref cached, next);
        return next.AccessToken;
    }

    private async Task<Token> AskZaloAsync(string refreshToken, CancellationToken ct)
    {
        var settings = options.Value;
        using var http = clients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.OAuthUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["app_id"] = settings.AppId!, ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
            }),
        };
        request.Headers.Add("secret_key", settings.AppSecret);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        string? Field(string name) => answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;
        if (Field("access_token") is not { Length: > 0 } access || Field("refresh_token") is not { Length: > 0 } next)
        {
            // Not sent: the delivery waits in backoff while an operator renews the OA's authorization.
            throw new ChannelRefusedException("zalo_token_refresh_failed",
                $"Zalo's token endpoint answered {Field("error")}: {Field("error_name") ?? Field("error_description")}", permanent: false);
        }

        var seconds = int.TryParse(Field("expires_in"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 90_000;
        return new Token(access, next, clock.GetUtcNow().AddSeconds(seconds));
    }
}
