using DoanKetSangTao.ServiceDefaults.Grpc.Client;
using DoanKetSangTao.ServiceDefaults.Grpc.Internal;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The client to send with; when null the channel makes (and disposes) its own.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>The handler for the channel's own client; ignored when <see cref="HttpClient"/> is set.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Dispose <see cref="HttpClient"/> or <see cref="HttpHandler"/> with the channel.</summary>
    public bool DisposeHttpClient { get; set; }

    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    public int? MaxSendMessageSize { get; set; }
}

/// <summary>A server address and the HttpClient that calls it; long-lived, share one per address.</summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly bool _disposeHttpClient;
    private readonly int? _maxReceiveMessageSize;
    private readonly int? _maxSendMessageSize;

    private GrpcChannel(Uri address, GrpcChannelOptions options) : base(address.Authority)
    {
        Address = address;
        _maxReceiveMessageSize = options.MaxReceiveMessageSize;
        _maxSendMessageSize = options.MaxSendMessageSize;
        if (options.HttpClient is { } httpClient)
        {
            _httpClient = httpClient;
            _disposeHttpClient = options.DisposeHttpClient;
        }
        else
        {
            var handler = options.HttpHandler ?? CreateDefaultHandler();
            _httpClient = new HttpClient(handler, disposeHandler: options.HttpHandler is null || options.DisposeHttpClient)
            {
                // Deadlines bound calls; HttpClient's 100 s default would cut long ones short.
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _disposeHttpClient = true;
        }
    }

    public Uri Address { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The address must be http:// (h2c) or https://.", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public override CallInvoker CreateCallInvoker() =>
        new HttpClientCallInvoker(_httpClient, Address, _maxReceiveMessageSize ?? int.MaxValue, _maxSendMessageSize);

    public void Dispose()
    {
        if (_disposeHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>A handler suited to long-lived HTTP/2 connections.</summary>
    internal static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // One HTTP/2 connection caps concurrent streams (often at 100); open more when needed.
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
    };
}
