using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>What a service method knows about the call it is serving.</summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? _userState;

    /// <summary>The full method path, e.g. <c>/doanketsangtao.registration.v1.InitiativeLookup/GetInitiative</c>.</summary>
    public string Method => MethodCore;

    public string Host => HostCore;

    /// <summary>The caller's address, e.g. <c>ipv4:10.0.0.5:41234</c>.</summary>
    public string Peer => PeerCore;

    /// <summary>The caller's deadline in UTC; <see cref="DateTime.MaxValue"/> when it set none.</summary>
    public DateTime Deadline => DeadlineCore;

    /// <summary>Custom metadata the caller sent.</summary>
    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Cancelled when the caller cancels or its deadline passes.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;

    /// <summary>Metadata sent to the caller with the status, whatever the outcome.</summary>
    public Metadata ResponseTrailers => ResponseTrailersCore;

    /// <summary>A status other than OK set here ends the call with it even if the method returns.</summary>
    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    /// <summary>State an interceptor or the method can share for the duration of the call.</summary>
    public IDictionary<object, object> UserState => _userState ??= [];

    /// <summary>Sends response headers now, before the response message.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => WriteResponseHeadersAsyncCore(responseHeaders);

    protected abstract string MethodCore { get; }

    protected abstract string HostCore { get; }

    protected abstract string PeerCore { get; }

    protected abstract DateTime DeadlineCore { get; }

    protected abstract Metadata RequestHeadersCore { get; }

    protected abstract CancellationToken CancellationTokenCore { get; }

    protected abstract Metadata ResponseTrailersCore { get; }

    protected abstract Status StatusCore { get; set; }

    protected abstract Task WriteResponseHeadersAsyncCore(Metadata responseHeaders);

    /// <summary>The HTTP request behind the call, when there is one.</summary>
    internal virtual HttpContext? HttpContextCore =>
        _userState is not null && _userState.TryGetValue(ServerCallContextExtensions.HttpContextKey, out var value)
            ? value as HttpContext
            : null;
}

public static class ServerCallContextExtensions
{
    /// <summary>UserState key under which test contexts may carry an HttpContext.</summary>
    internal const string HttpContextKey = "__HttpContext";

    /// <summary>The ASP.NET Core request serving the call (user, connection, request services).</summary>
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext)
    {
        ArgumentNullException.ThrowIfNull(serverCallContext);
        return serverCallContext.HttpContextCore
            ?? throw new InvalidOperationException("Could not get HttpContext from ServerCallContext.");
    }
}
