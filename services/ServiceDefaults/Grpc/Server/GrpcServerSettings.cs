using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Server;

/// <summary>
/// What every call handler needs, resolved once when services are mapped; also the set of
/// mapped service names the health service answers for.
/// </summary>
internal sealed class GrpcServerSettings
{
    public const string GrpcEndpointUrlKey = "Kestrel:Endpoints:Grpc:Url";

    private readonly HashSet<string> _serviceNames = new(StringComparer.Ordinal);
    private readonly HashSet<object> _routeBuildersWithFallback = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    public GrpcServerSettings(IOptions<GrpcServiceOptions> options, IConfiguration configuration)
    {
        var value = options.Value;
        MaxReceiveMessageSize = value.MaxReceiveMessageSize ?? int.MaxValue;
        MaxSendMessageSize = value.MaxSendMessageSize;
        EnableDetailedErrors = value.EnableDetailedErrors;
        GrpcPort = ParsePort(configuration[GrpcEndpointUrlKey]);
    }

    public int MaxReceiveMessageSize { get; }

    public int? MaxSendMessageSize { get; }

    public bool EnableDetailedErrors { get; }

    /// <summary>The only local port gRPC answers on; null when no gRPC endpoint is configured.</summary>
    public int? GrpcPort { get; }

    public bool IsKnownService(string serviceName)
    {
        lock (_lock)
        {
            return _serviceNames.Contains(serviceName);
        }
    }

    public void AddService(string serviceName)
    {
        lock (_lock)
        {
            _serviceNames.Add(serviceName);
        }
    }

    /// <summary>True the first time for a route builder: the catch-all for unknown services is mapped once.</summary>
    public bool TryClaimFallback(object routeBuilder)
    {
        lock (_lock)
        {
            return _routeBuildersWithFallback.Add(routeBuilder);
        }
    }

    /// <summary>
    /// The port of a Kestrel endpoint URL such as <c>http://+:5001</c>, <c>http://[::]:5001</c> or
    /// <c>http://localhost:5001/</c> (which <see cref="Uri"/> cannot all parse).
    /// </summary>
    internal static int? ParsePort(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new InvalidOperationException($"{GrpcEndpointUrlKey} '{url}' is not a URL.");
        }

        var authorityStart = schemeEnd + 3;
        var pathStart = url.IndexOf('/', authorityStart);
        var authority = pathStart < 0 ? url[authorityStart..] : url[authorityStart..pathStart];
        var colon = authority.LastIndexOf(':');
        var bracket = authority.LastIndexOf(']');
        if (colon > bracket)
        {
            if (int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is > 0 and <= 65535)
            {
                return port;
            }

            // Port 0 (dynamic) cannot be compared with the request's local port.
            throw new InvalidOperationException($"{GrpcEndpointUrlKey} '{url}' must name a fixed port.");
        }

        return url[..schemeEnd].Equals("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
    }
}
