using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// The framework's writer declines when the caller's Accept header names neither JSON nor Problem Details
/// (a browser asking for text/html), and the status-code page then falls back to plain text. The platform
/// answers errors in one shape only, so this writer, tried last, always writes application/problem+json.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) =>
        new(context.HttpContext.Response.WriteAsJsonAsync(context.ProblemDetails, json.Value.SerializerOptions, "application/problem+json"));
}
