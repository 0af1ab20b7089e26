using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoanKetSangTao.ServiceDefaults.Security;

/// <summary>
/// Who is calling over gRPC: a platform service signs a short-lived token with the platform's service key
/// (<c>ServiceAuth:Key</c>, a Kubernetes Secret), and every gRPC method requires one. The key proves "a service of
/// this platform", not which one (it is shared): people's tokens never reach the gRPC port, and a pod or process
/// without the key gets UNAUTHENTICATED even where the network lets it in (the chart's NetworkPolicy is the second
/// wall, not the only one). Only the services that serve or call gRPC methods hold the key; the gateway does not.
/// </summary>
public static class ServiceIdentity
{
    /// <summary>The authentication scheme that validates service tokens.</summary>
    public const string Scheme = "service";

    /// <summary>The authorization policy gRPC methods require (see <c>PlatformGrpcExtensions.MapPlatformGrpcService</c>).</summary>
    public const string Policy = "platform-service";

    /// <summary>The claim naming the calling service; it must equal the token's issuer.</summary>
    public const string ServiceClaim = "svc";

    public const string Audience = "doanketsangtao-internal";

    /// <summary>Shortest key accepted: HMAC-SHA256 wants at least 256 bits.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>
    /// Registers the service scheme and policy, and, when <c>ServiceAuth:Key</c> is set, the tokens this service signs
    /// for its own gRPC calls. Without a key the service can neither serve gRPC methods (mapping one stops start-up)
    /// nor call them (resolving a gRPC client says what to set); a key that is set but short stops start-up.
    /// </summary>
    public static IHostApplicationBuilder AddServiceIdentity(this IHostApplicationBuilder builder, string serviceName)
    {
        var configured = builder.Configuration["ServiceAuth:Key"];
        var key = string.IsNullOrEmpty(configured) ? null : SigningKey(configured);
        builder.Services.AddSingleton(new ServiceKey(key));
        builder.Services.AddSingleton(sp => new ServiceTokens(serviceName,
            key ?? throw Missing("to call gRPC methods"), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddAuthentication().AddJwtBearer(Scheme, o =>
        {
            o.MapInboundClaims = false;
            // Without a key no signature validates: every call is refused.
            o.TokenValidationParameters = Validation(key ?? new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => RequireService(p));
        return builder;
    }

    /// <summary>
    /// A service token whose <c>svc</c> equals its issuer and, when <paramref name="callers"/> are named, is one of them.
    /// No or an invalid token fails authentication (UNAUTHENTICATED); a valid one that fails this is PERMISSION_DENIED.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireService(AuthorizationPolicyBuilder policy, params string[] callers) =>
        policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireAssertion(ctx =>
            ctx.User.FindFirst(ServiceClaim)?.Value is { Length: > 0 } service && service == ctx.User.FindFirst("iss")?.Value
            && (callers.Length == 0 || callers.Contains(service, StringComparer.Ordinal)));

    /// <summary>Stops start-up when gRPC methods are mapped on a host without the service key.</summary>
    public static void EnsureCanServe(IServiceProvider services)
    {
        if (services.GetService<ServiceKey>() is not { Key: not null })
        {
            throw Missing("to serve gRPC methods");
        }
    }

    /// <summary>The key from configuration; a short one is refused with what to set.</summary>
    public static SymmetricSecurityKey SigningKey(string? configured) =>
        configured is { Length: >= MinimumKeyLength }
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured))
            : throw new InvalidOperationException(
                $"ServiceAuth:Key is shorter than {MinimumKeyLength} characters: set it to the platform's service key " +
                "(the chart's service-auth Secret; the launcher generates one per run).");

    public static TokenValidationParameters Validation(SecurityKey key) => new()
    {
        ValidateIssuer = true,
        IssuerValidator = (issuer, _, _) => string.IsNullOrWhiteSpace(issuer) ? throw new SecurityTokenInvalidIssuerException("No issuer.") : issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = ServiceClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    private static InvalidOperationException Missing(string what) => new(
        $"ServiceAuth:Key is not configured; this service needs it {what}: set it to the platform's service key " +
        "(the chart's service-auth Secret; the launcher generates one per run).");

    /// <summary>The configured key, or null where the service neither serves nor calls gRPC methods.</summary>
    private sealed record ServiceKey(SymmetricSecurityKey? Key);
}

/// <summary>The token this service presents on its gRPC calls: signed once, reused until shortly before it expires.</summary>
public sealed class ServiceTokens(string serviceName, SecurityKey key, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private (string Token, DateTimeOffset RenewAt)? current;

    public string Current()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (current is not { } c || now >= c.RenewAt)
            {
                current = (Issue(serviceName, key, now, Lifetime), now + Lifetime - TimeSpan.FromMinutes(2));
            }

            return current.Value.Token;
        }
    }

    /// <summary>A token naming <paramref name="service"/>, valid from <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static string Issue(string service, SecurityKey key, DateTimeOffset now, TimeSpan lifetime) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = service,
            Audience = ServiceIdentity.Audience,
            Subject = new ClaimsIdentity([new Claim(ServiceIdentity.ServiceClaim, service)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
