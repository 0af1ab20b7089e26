using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DoanKetSangTao.ServiceDefaults.Security;

/// <summary>
/// Who is calling over gRPC: each platform service has its own client at the identity service (<c>svc-{name}</c>, secret
/// <c>ServiceAuth:ClientSecret</c>) and calls another service's methods with a client-credentials token for the scope that
/// opens them (<see cref="PlatformScopes"/>; <see cref="ServiceTokens"/> gets and caches it). A service serves its methods
/// to tokens of the same issuer as people's (<c>Identity</c>), addressed to it (audience = its own name) and granted the
/// method's scope: a service whose client was not granted the scope is refused, whatever the network lets through.
/// </summary>
public static class ServiceIdentity
{
    /// <summary>The authentication scheme that validates service tokens on the gRPC methods.</summary>
    public const string Scheme = "service";

    /// <summary>
    /// Registers the service scheme (when <c>Identity</c> names an issuer) and this service's tokens for its own calls.
    /// The scheme checks signature, issuer and lifetime only: the audience and scope are the method's policy
    /// (<see cref="RequireScope"/>), so that a genuine token that does not open the method is PERMISSION_DENIED, not
    /// UNAUTHENTICATED. Without <c>ServiceAuth:ClientSecret</c> the service cannot call gRPC methods (resolving a client says what to set).
    /// </summary>
    public static IHostApplicationBuilder AddServiceIdentity(this IHostApplicationBuilder builder, string serviceName)
    {
        var identity = builder.Configuration.GetSection("Identity");
        builder.Services.AddSingleton(new ServedAs(serviceName));
        if (AuthenticationExtensions.IssuerConfigured(identity) || AuthenticationExtensions.IssuedHere(identity))
        {
            builder.Services.AddAuthentication().AddJwtBearer(Scheme, o =>
            {
                AuthenticationExtensions.TrustIssuer(o, identity);
                o.TokenValidationParameters.ValidateAudience = false;
            });
        }

        var configuration = builder.Configuration;
        builder.Services.AddServiceTokens(_ => Credentials(configuration, serviceName));
        return builder;
    }

    /// <summary>
    /// A token of the identity provider addressed to <paramref name="audience"/> and granted <paramref name="scope"/>.
    /// No or an invalid token fails authentication (UNAUTHENTICATED); a valid one that fails this is PERMISSION_DENIED.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireScope(AuthorizationPolicyBuilder policy, string audience, string scope) =>
        policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireAssertion(ctx =>
            ctx.User.FindAll("aud").Any(a => a.Value == audience) && AuthorizationExtensions.HasScope(ctx.User, scope));

    /// <summary>The name this host serves its gRPC methods as (the audience its callers' tokens must name).</summary>
    public static string ServedAudience(IServiceProvider services)
    {
        var missing = new InvalidOperationException(
            "This service cannot serve gRPC methods: set Identity:Authority (the identity service that issues the callers' tokens).");
        if (services.GetService<ServedAs>() is not { } served)
        {
            throw missing;
        }

        // Read once at start-up, where the provider answers from memory.
        var schemes = services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        return schemes?.GetSchemeAsync(Scheme).GetAwaiter().GetResult() is null ? throw missing : served.Name;
    }

    /// <summary>
    /// This service's client: <c>svc-{name}</c>, its secret (<c>ServiceAuth:ClientSecret</c>), and the token endpoint
    /// (<c>ServiceAuth:TokenEndpoint</c>, else the authority's <c>connect/token</c>).
    /// </summary>
    public static ServiceClientCredentials Credentials(IConfiguration configuration, string serviceName)
    {
        var secret = configuration["ServiceAuth:ClientSecret"];
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(
                $"ServiceAuth:ClientSecret is not configured; {serviceName} needs it to call gRPC methods: set it to the secret of its client " +
                $"{PlatformScopes.ServiceClientId(serviceName)} at the identity service (the chart's service-clients Secret; the launcher generates one per run).");
        }

        var endpoint = configuration["ServiceAuth:TokenEndpoint"] is { Length: > 0 } configured
            ? new Uri(configured)
            : configuration["Identity:Authority"] is { Length: > 0 } authority
                ? new Uri(new Uri(authority.EndsWith('/') ? authority : authority + "/"), "connect/token")
                : throw new InvalidOperationException(
                    "ServiceAuth:TokenEndpoint is not configured and there is no Identity:Authority to derive it from: set either.");
        return new ServiceClientCredentials(PlatformScopes.ServiceClientId(serviceName), secret, endpoint);
    }

    /// <summary>The service's own name, the audience of the tokens it accepts.</summary>
    private sealed record ServedAs(string Name);
}
