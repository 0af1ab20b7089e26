using DoanKetSangTao.Domain;
using System.Security.Claims;
using System.Threading.RateLimiting;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Gateway.Extensions;

public sealed class GatewayLimits
{
    /// <summary>Largest request body accepted unless a route says otherwise (JSON APIs need little).</summary>
    public long MaxRequestBodySize { get; set; } = 1 * 1024 * 1024;

    /// <summary>Requests a caller may burst; refilled at <see cref="RequestsPerSecond"/>.</summary>
    public int BurstLimit { get; set; } = 100;

    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>
    /// Every request from one client address, counted before authentication. Generous enough for an office
    /// behind one NAT address; its point is that a flood of anonymous or forged-token requests is refused
    /// before each costs a token validation and a proxy hop.
    /// </summary>
    public BucketLimit PerAddress { get; set; } = new() { BurstLimit = 400, Tokens = 200, PeriodSeconds = 1 };

    /// <summary>The token endpoint per client address: a person signs in a few times a day, not a hundred times a minute.</summary>
    public BucketLimit TokenEndpoint { get; set; } = new() { BurstLimit = 20, Tokens = 20, PeriodSeconds = 60 };

    /// <summary>
    /// Public look-ups by code without sign-in (certificate verification, the QR page) per client address: a person checks
    /// a few certificates, a harvester tries thousands. With 100-bit codes this is defence in depth, not the only guard.
    /// </summary>
    public BucketLimit PublicLookup { get; set; } = new() { BurstLimit = 30, Tokens = 30, PeriodSeconds = 60 };

    /// <summary>Networks (CIDR) of the proxies in front of the gateway whose X-Forwarded-For is believed; empty: none.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Seconds a client is asked to wait after a 503 from a service that is briefly away.</summary>
    public int RetryAfterSeconds { get; set; } = 3;
}

public static class GatewayExtensions
{
    public const string PerCallerPolicy = "per-caller";

    public const string PublicLookupPolicy = "public-lookup";

    public static GatewayLimits Limits(this IConfiguration configuration) =>
        configuration.GetSection("Gateway").Get<GatewayLimits>() ?? new GatewayLimits();

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.Limits();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limits.MaxRequestBodySize);

        // One bucket per signed-in person (per address before sign-in), so one integration cannot starve the others.
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(PerCallerPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.FindFirstValue(PlatformClaims.Subject) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.BurstLimit,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.AddPolicy(PublicLookupPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                EdgeProtection.AddressOf(context), _ => limits.PublicLookup.ToOptions()));
            o.OnRejected = (ctx, _) => new ValueTask(EdgeProtection.RejectAsync(ctx.HttpContext, ctx.Lease, Problems.DefaultFor(StatusCodes.Status429TooManyRequests)));
        });

        builder.AddEdgeProtection(limits);
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        return builder;
    }
}
