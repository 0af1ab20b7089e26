using System.Net.Sockets;
using DoanKetSangTao.ServiceDefaults.Grpc.Internal;
using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Server;

/// <summary>The call context of one request, owning the deadline timer.</summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    // CancellationTokenSource timers cannot be longer than this; a longer deadline never fires in practice.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly TaskCompletionSource _deadlineReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Metadata _responseTrailers = [];
    private Metadata? _requestHeaders;
    private Status _status = Status.DefaultSuccess;

    public HttpServerCallContext(HttpContext httpContext, string method)
    {
        HttpContext = httpContext;
        MethodCore = method;
        DeadlineCore = DateTime.MaxValue;

        // An unparseable grpc-timeout is ignored rather than failing the call, as other servers do.
        if (GrpcTimeout.TryParse(httpContext.Request.Headers[GrpcProtocol.TimeoutHeader], out var timeout))
        {
            var now = DateTime.UtcNow;
            DeadlineCore = GrpcTimeout.ToDeadline(now, timeout);
            if (timeout <= MaxTimer)
            {
                _deadlineCts = new CancellationTokenSource(timeout);
                _deadlineCts.Token.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), _deadlineReached);
            }
        }

        _callCts = _deadlineCts is null
            ? CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted)
            : CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, _deadlineCts.Token);
    }

    public HttpContext HttpContext { get; }

    public bool HasDeadlineTimer => _deadlineCts is not null;

    /// <summary>Completes when the deadline passes; never when there is none.</summary>
    public Task DeadlineReached => _deadlineReached.Task;

    public bool DeadlineExpired => _deadlineCts?.IsCancellationRequested == true || DeadlineCore <= DateTime.UtcNow;

    protected override string MethodCore { get; }

    protected override string HostCore => HttpContext.Request.Host.Value ?? "";

    protected override string PeerCore
    {
        get
        {
            var connection = HttpContext.Connection;
            return connection.RemoteIpAddress switch
            {
                null => "unknown",
                { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
                var ip => $"ipv4:{ip}:{connection.RemotePort}",
            };
        }
    }

    protected override DateTime DeadlineCore { get; }

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders(HttpContext.Request.Headers);

    protected override CancellationToken CancellationTokenCore => _callCts.Token;

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    internal override HttpContext? HttpContextCore => HttpContext;

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        var response = HttpContext.Response;
        if (response.HasStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        foreach (var entry in responseHeaders)
        {
            response.Headers.Append(entry.Key, entry.WireValue);
        }

        await response.StartAsync(CancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _callCts.Dispose();
        _deadlineCts?.Dispose();
    }

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            // Pseudo-headers and protocol headers are not the caller's metadata.
            if (key.StartsWith(':'))
            {
                continue;
            }

            foreach (var value in values)
            {
                metadata.TryAddFromWire(key, value);
            }
        }

        return metadata;
    }
}
