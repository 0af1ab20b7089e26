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
}

public static class GatewayExtensions
{
    public const string PerCallerPolicy = "per-caller";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Gateway").Get<GatewayLimits>() ?? new GatewayLimits();
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
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var (code, detail) = Problems.DefaultFor(429);
                await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, code, detail);
            };
        });

        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        return builder;
    }
}
