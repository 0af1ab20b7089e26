using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>Turns every exception that escapes an endpoint into Problem Details; never leaks internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody is left to read an answer.
            return true;
        }

        var (status, code, detail, errors) = InputProblems.TryMap(exception, httpContext.Request) ?? exception switch
        {
            RefusalException r => (RefusalProblems.StatusOf(r.Refusal.Kind), r.Refusal.Code, r.Refusal.Message, r.Refusal.Errors),
            ProblemException p => (p.Status, p.Code, p.Message, p.Errors),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "payload_too_large", Problems.DefaultFor(413).Detail, null),
            BadHttpRequestException { StatusCode: not StatusCodes.Status400BadRequest } b =>
                (b.StatusCode, Problems.DefaultFor(b.StatusCode).Code, Problems.DefaultFor(b.StatusCode).Detail, null),
            BadHttpRequestException b =>
                (b.StatusCode, "bad_request", "Yêu cầu không hợp lệ: thiếu hoặc sai tham số. Vui lòng kiểm tra lại dữ liệu gửi lên.", null),
            // Another service the request needed (over gRPC) did not answer in time: nothing was changed, the caller may retry.
            global::Grpc.Core.RpcException { StatusCode: global::Grpc.Core.StatusCode.Unavailable or global::Grpc.Core.StatusCode.DeadlineExceeded } =>
                (503, DependencyFailures.Code, DependencyFailures.RemoteDetail, null),
            // The database (or another dependency) is briefly away: not the caller's fault, worth a retry.
            _ when DependencyFailures.IsTransient(exception) => (503, DependencyFailures.Code, DependencyFailures.Detail, null),
            _ => (500, "internal_error", Problems.DefaultFor(500).Detail, (IReadOnlyDictionary<string, string[]>?)null),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            DependencyFailures.SetRetryAfter(httpContext);
        }

        var problem = new ProblemDetails { Status = status, Title = Problems.TitleFor(status), Detail = detail };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
