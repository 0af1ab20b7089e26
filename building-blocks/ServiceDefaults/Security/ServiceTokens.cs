using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanKetSangTao.ServiceDefaults.Security;

/// <summary>A platform service's client at the identity service, and where it asks for tokens.</summary>
public sealed record ServiceClientCredentials(string ClientId, string ClientSecret, Uri TokenEndpoint);

/// <summary>
/// The tokens this service presents on its gRPC calls: asked of the identity service by client credentials, one per set
/// of scopes, and reused until shortly before they expire. Concurrent callers of one scope set wait for one request.
/// </summary>
public sealed class ServiceTokens(IHttpClientFactory httpClients, ServiceClientCredentials credentials, TimeProvider clock)
{
    /// <summary>The named HttpClient that talks to the token endpoint.</summary>
    public const string HttpClientName = "service-tokens";

    /// <summary>How long before its expiry a token is renewed: a call in flight must not carry one that expires on the way.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public ServiceClientCredentials Credentials => credentials;

    /// <summary>A valid token granted <paramref name="scopes"/>, from the cache or fresh from the identity service.</summary>
    public async ValueTask<string> GetAsync(IEnumerable<string> scopes, CancellationToken cancellationToken = default)
    {
        var key = Key(scopes);
        var entry = entries.GetOrAdd(key, _ => new Entry());
        if (entry.Valid(clock.GetUtcNow()) is { } cached)
        {
            return cached;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Valid(clock.GetUtcNow()) is { } renewed)
            {
                return renewed;
            }

            var issued = await RequestAsync(key, cancellationToken);
            entry.Current = issued;
            return issued.Token;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (a server refused it as unauthenticated): the next call asks for a new one.</summary>
    public void Invalidate(IEnumerable<string> scopes, string token)
    {
        if (entries.TryGetValue(Key(scopes), out var entry) && entry.Current is { } current && current.Token == token)
        {
            Interlocked.CompareExchange(ref entry.Current, null, current);
        }
    }

    private async Task<Issued> RequestAsync(string scope, CancellationToken ct)
    {
        var requestedAt = clock.GetUtcNow();
        using var http = httpClients.CreateClient(HttpClientName);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
            ["scope"] = scope,
        });
        using var response = await http.PostAsync(credentials.TokenEndpoint, form, ct);
        TokenResponse? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the provider's JSON (a proxy's error page): the status code says enough.
        }

        if (!response.IsSuccessStatusCode || body?.AccessToken is not { Length: > 0 } token)
        {
            // HttpRequestException: the gRPC call fails as UNAVAILABLE, as when the called service itself is unreachable.
            throw new HttpRequestException(
                $"The identity service at {credentials.TokenEndpoint} gave {credentials.ClientId} no token for '{scope}': " +
                $"{(int)response.StatusCode} {body?.Error} {body?.ErrorDescription}".TrimEnd(), null, response.StatusCode);
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn ?? 0);
        // A short-lived token is renewed at half its life rather than never being reused.
        var margin = lifetime > 2 * RenewBefore ? RenewBefore : lifetime / 2;
        return new Issued(token, requestedAt + lifetime - margin);
    }

    private static string Key(IEnumerable<string> scopes) =>
        string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private sealed record Issued(string Token, DateTimeOffset RenewAt);

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public Issued? Current;

        public string? Valid(DateTimeOffset now) => Volatile.Read(ref Current) is { } c && now < c.RenewAt ? c.Token : null;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}

public static class ServiceTokensExtensions
{
    /// <summary>Registers <see cref="ServiceTokens"/> for the client <paramref name="credentials"/> names (read when first resolved).</summary>
    public static IServiceCollection AddServiceTokens(this IServiceCollection services, Func<IServiceProvider, ServiceClientCredentials> credentials)
    {
        services.AddHttpClient(ServiceTokens.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton(sp => new ServiceTokens(sp.GetRequiredService<IHttpClientFactory>(), credentials(sp),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
