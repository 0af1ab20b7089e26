using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Testing;

/// <summary>A call context for unit tests of service methods (like Grpc.Core.Testing's).</summary>
public sealed class TestServerCallContext : ServerCallContext
{
    private readonly Metadata _responseTrailers = [];
    private Status _status = Status.DefaultSuccess;

    private TestServerCallContext(string method, DateTime deadline, Metadata requestHeaders, CancellationToken cancellationToken, string peer)
    {
        MethodCore = method;
        DeadlineCore = deadline;
        RequestHeadersCore = requestHeaders;
        CancellationTokenCore = cancellationToken;
        PeerCore = peer;
    }

    /// <summary>Headers passed to <see cref="ServerCallContext.WriteResponseHeadersAsync"/>, if any.</summary>
    public Metadata? ResponseHeaders { get; private set; }

    public static TestServerCallContext Create(
        string method = "/test.Service/Method",
        DateTime? deadline = null,
        Metadata? requestHeaders = null,
        CancellationToken cancellationToken = default,
        string peer = "ipv4:127.0.0.1:50000",
        HttpContext? httpContext = null)
    {
        var context = new TestServerCallContext(method, deadline ?? DateTime.MaxValue, requestHeaders ?? [], cancellationToken, peer);
        if (httpContext is not null)
        {
            context.UserState[ServerCallContextExtensions.HttpContextKey] = httpContext;
        }

        return context;
    }

    protected override string MethodCore { get; }

    protected override string HostCore => "localhost";

    protected override string PeerCore { get; }

    protected override DateTime DeadlineCore { get; }

    protected override Metadata RequestHeadersCore { get; }

    protected override CancellationToken CancellationTokenCore { get; }

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        ResponseHeaders = responseHeaders;
        return Task.CompletedTask;
    }
}
