using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.ServiceDefaults.Http;

public static class HttpExtensions
{
    /// <summary>Problem Details for every error: a stable <c>code</c>, a Vietnamese <c>detail</c> and the <c>traceId</c>.</summary>
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (!ctx.ProblemDetails.Extensions.ContainsKey("code"))
            {
                var (code, detail) = Problems.DefaultFor(status);
                ctx.ProblemDetails.Extensions["code"] = code;
                ctx.ProblemDetails.Detail = detail;
                ctx.ProblemDetails.Title = Problems.TitleFor(status);
            }

            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            Problems.Count(status, ctx.ProblemDetails.Extensions["code"]);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
