using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Yarp.ReverseProxy.Forwarder;

namespace DoanKetSangTao.Gateway.Extensions;

/// <summary>A token bucket: <see cref="BurstLimit"/> requests at once, refilled by <see cref="Tokens"/> every <see cref="PeriodSeconds"/>.</summary>
public sealed class BucketLimit
{
    public int BurstLimit { get; set; }

    public int Tokens { get; set; }

    public double PeriodSeconds { get; set; } = 1;

    internal TokenBucketRateLimiterOptions ToOptions() => new()
    {
        TokenLimit = Math.Max(1, BurstLimit),
        TokensPerPeriod = Math.Max(1, Tokens),
        ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(0.001, PeriodSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>
/// What the gateway does before it spends anything on a request: a per-address limit (anonymous and
/// forged-token floods are refused before a token is validated), a stricter one on the token endpoint,
/// and, behind the proxy, a 503 the client can retry when a service is briefly away.
/// </summary>
public static class EdgeProtection
{
    public const string RateLimitedCode = "too_many_requests";
    public const string TokenRateLimitedCode = "token_requests_too_many";
    public const string ServiceUnavailableCode = "service_unavailable";
    public const string GatewayTimeoutCode = "service_timeout";

    /// <summary>Registers the limiters (disposed with the host) and, if configured, the trusted proxies.</summary>
    public static IHostApplicationBuilder AddEdgeProtection(this IHostApplicationBuilder builder, GatewayLimits limits)
    {
        var perAddress = limits.PerAddress.ToOptions();
        var tokenEndpoint = limits.TokenEndpoint.ToOptions();
        builder.Services.AddSingleton(_ => PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => RateLimitPartition.GetTokenBucketLimiter(AddressOf(ctx), _ => perAddress)),
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => IsTokenEndpoint(ctx.Request)
                ? RateLimitPartition.GetTokenBucketLimiter(AddressOf(ctx), _ => tokenEndpoint)
                : RateLimitPartition.GetNoLimiter(string.Empty))));

        if (limits.TrustedProxies is { Length: > 0 } proxies)
        {
            // Behind an ingress every request comes from the ingress: the client's address is in
            // X-Forwarded-For, believed only from the networks the operators name.
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.ForwardLimit = 1;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                foreach (var network in proxies)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
        }

        return builder;
    }

    /// <summary>The per-address and token-endpoint limits, run before authentication.</summary>
    public static void UseEdgeRateLimits(this WebApplication app, GatewayLimits limits)
    {
        if (limits.TrustedProxies is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        var limiter = app.Services.GetRequiredService<PartitionedRateLimiter<HttpContext>>();
        app.Use(async (context, next) =>
        {
            using var lease = await limiter.AcquireAsync(context, 1, context.RequestAborted);
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }

            await RejectAsync(context, lease, IsTokenEndpoint(context.Request)
                ? (TokenRateLimitedCode, "Địa chỉ của bạn đã xin mã truy cập quá nhiều lần trong thời gian ngắn. Vui lòng chờ theo thời gian trong Retry-After rồi thử lại.")
                : (RateLimitedCode, "Địa chỉ của bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ theo thời gian trong Retry-After rồi thử lại."));
        });
    }

    /// <summary>429 with Retry-After (whole seconds, at least 1) and Problem Details.</summary>
    public static Task RejectAsync(HttpContext context, RateLimitLease lease, (string Code, string Detail) problem)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, problem.Code, problem.Detail);
    }

    /// <summary>
    /// YARP answers 502 (or 504) with no body when it cannot reach a service, as while one restarts. The
    /// service did not act on a request it never received, and one that was cut off may be retried safely
    /// with its Idempotency-Key: so the client is told 503, when to retry, and how.
    /// </summary>
    public static void UseUnavailableDestinationProblems(this IReverseProxyApplicationBuilder proxy, GatewayLimits limits) => proxy.Use(async (context, next) =>
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        switch (error.Error)
        {
            case ForwarderError.Request or ForwarderError.RequestBodyDestination or ForwarderError.NoAvailableDestinations or ForwarderError.ResponseHeaders:
                DependencyFailures.SetRetryAfter(context, limits.RetryAfterSeconds);
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ServiceUnavailableCode,
                    "Dịch vụ xử lý yêu cầu này đang tạm thời gián đoạn (có thể đang khởi động lại) nên yêu cầu có thể chưa được thực hiện. "
                    + $"Vui lòng thử lại sau {limits.RetryAfterSeconds} giây; với yêu cầu ghi, gửi lại cùng khóa Idempotency-Key để dữ liệu không bị ghi hai lần.");
                break;
            case ForwarderError.RequestTimedOut:
                DependencyFailures.SetRetryAfter(context, limits.RetryAfterSeconds);
                await Problems.WriteAsync(context, StatusCodes.Status504GatewayTimeout, GatewayTimeoutCode,
                    "Dịch vụ xử lý yêu cầu này không trả lời kịp. Yêu cầu có thể đã hoặc chưa được thực hiện: vui lòng thử lại "
                    + $"sau {limits.RetryAfterSeconds} giây với cùng khóa Idempotency-Key để không bị ghi hai lần.");
                break;
        }
    });

    /// <summary>
    /// Where credentials are tried (the token endpoint, the sign-in and second-factor forms) or letters are sent (registration,
    /// password reset): a guesser or a spammer is held to a few attempts a minute per address, on top of the account lockout.
    /// </summary>
    private static bool IsTokenEndpoint(HttpRequest request) => HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/connect/token", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/account/signin", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/account/register", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/account/forgot-password", StringComparison.OrdinalIgnoreCase));

    internal static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : IPAddress.None.ToString();
}
