using System.Net.Sockets;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DoanKetSangTao.ServiceDefaults.UnitTests.Http;

/// <summary>A database briefly away is a 503 the caller may retry; a query the database refused is not.</summary>
public sealed class DependencyFailuresTests
{
    public static TheoryData<Exception> Outages() =>
    [
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection")),
        new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"),
        new PostgresException("connection failure", "FATAL", "FATAL", "08006"),
        new InvalidOperationException("wrapped", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))),
    ];

    public static TheoryData<Exception> Faults() =>
    [
        new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        new PostgresException("syntax error", "ERROR", "ERROR", "42601"),
        new InvalidOperationException("a bug"),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task A_database_that_is_away_is_a_503_with_retry_after(Exception outage)
    {
        Assert.True(DependencyFailures.IsTransient(outage));
        var (context, problem) = await HandleAsync(outage);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal(DependencyFailures.Code, problem.Extensions["code"]);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Contains("Idempotency-Key", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_query_the_database_refused_stays_an_internal_error_without_retry_after(Exception fault)
    {
        Assert.False(DependencyFailures.IsTransient(fault));
        var (context, problem) = await HandleAsync(fault);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("internal_error", problem.Extensions["code"]);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    private static async Task<(HttpContext Context, ProblemDetails Problem)> HandleAsync(Exception exception)
    {
        var written = new Captured();
        var context = new DefaultHttpContext();
        Assert.True(await new ProblemExceptionHandler(written, NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));
        return (context, written.Problem!);
    }

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
}
