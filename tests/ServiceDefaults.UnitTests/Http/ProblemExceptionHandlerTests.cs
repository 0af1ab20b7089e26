using Grpc.Core;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace DoanKetSangTao.ServiceDefaults.UnitTests.Http;

/// <summary>What a caller gets when an endpoint fails: a stable code and a Vietnamese message, never internals.</summary>
public sealed class ProblemExceptionHandlerTests
{
    /// <summary>Keeps the Problem Details the handler wrote, as the framework's writer would receive them.</summary>
    private sealed class Captured : IProblemDetailsService
    {
        public ProblemDetails? Problem { get; private set; }

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.FromResult(true);
        }
    }

    private static async Task<(int Status, ProblemDetails Problem)> HandleAsync(Exception exception)
    {
        var written = new Captured();
        var context = new DefaultHttpContext();
        var handled = await new ProblemExceptionHandler(written, NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None);
        Assert.True(handled);
        return (context.Response.StatusCode, written.Problem!);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task A_service_that_does_not_answer_over_gRPC_is_a_503_the_caller_may_retry(StatusCode code)
    {
        var (status, problem) = await HandleAsync(new RpcException(new Status(code, "connection refused")));
        Assert.Equal(503, status);
        Assert.Equal("dependency_unavailable", problem.Extensions["code"]);
        Assert.Contains("thử lại", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("connection refused", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_gRPC_failure_stays_an_internal_error_without_its_details()
    {
        var (status, problem) = await HandleAsync(new RpcException(new Status(StatusCode.Internal, "stack trace here")));
        Assert.Equal(500, status);
        Assert.Equal("internal_error", problem.Extensions["code"]);
        Assert.DoesNotContain("stack trace", problem.Detail, StringComparison.Ordinal);
    }
}
