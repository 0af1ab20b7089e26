using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>The platform's own limits on a request's target and headers (section <c>RequestLimits</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Longest request target (path and query) answered; longer gets 414 Problem Details.</summary>
    public int MaxUrlLength { get; set; } = 8 * 1024;

    /// <summary>Largest sum of header names and values; larger gets 431 Problem Details.</summary>
    public int MaxHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Most header fields answered; more gets 431 Problem Details.</summary>
    public int MaxHeaderCount { get; set; } = 100;

    /// <summary>
    /// Kestrel's own limits are set this many times above the platform's. Kestrel rejects what exceeds them
    /// before any middleware runs, with an empty body; between the two, the platform answers itself.
    /// </summary>
    public int KestrelHeadroom { get; set; } = 4;
}

/// <summary>
/// Kestrel answers 414 and 431 with an empty body, before the pipeline. The platform therefore raises
/// Kestrel's hard limits and enforces its own, a few times lower, in the first middleware, where the
/// answer can be Problem Details with a stable code and a Vietnamese message.
/// </summary>
public static class RequestLimits
{
    public const string UrlTooLongCode = "url_too_long";
    public const string HeadersTooLargeCode = "headers_too_large";

    public static IHostApplicationBuilder AddPlatformRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RequestLimitsOptions>(builder.Configuration.GetSection(RequestLimitsOptions.Section));
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            var l = limits.Value;
            var headroom = Math.Max(1, l.KestrelHeadroom);
            kestrel.AddServerHeader = false;
            // Kestrel's request line holds the method and version too; a little more than the target suffices.
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, (l.MaxUrlLength * headroom) + 64);
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, l.MaxHeadersTotalSize * headroom);
            kestrel.Limits.MaxRequestHeaderCount = Math.Max(kestrel.Limits.MaxRequestHeaderCount, l.MaxHeaderCount * headroom);
        });
        return builder;
    }

    public static IApplicationBuilder UsePlatformRequestLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        return app.Use((context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
            if (target.Length > limits.MaxUrlLength)
            {
                return Problems.WriteAsync(context, StatusCodes.Status414UriTooLong, UrlTooLongCode,
                    $"Đường dẫn yêu cầu dài quá {limits.MaxUrlLength} ký tự. Vui lòng rút gọn tham số tìm kiếm hoặc gửi chúng trong nội dung yêu cầu.");
            }

            var headers = context.Request.Headers;
            if (headers.Count > limits.MaxHeaderCount || TotalSize(headers) > limits.MaxHeadersTotalSize)
            {
                return Problems.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, HeadersTooLargeCode,
                    $"Phần tiêu đề (header) của yêu cầu quá lớn: tối đa {limits.MaxHeaderCount} trường và {limits.MaxHeadersTotalSize / 1024} KB. Vui lòng xóa cookie thừa hoặc bớt tiêu đề rồi gửi lại.");
            }

            return next(context);
        });
    }

    private static long TotalSize(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var value in values)
            {
                total += value?.Length ?? 0;
            }
        }

        return total;
    }
}
