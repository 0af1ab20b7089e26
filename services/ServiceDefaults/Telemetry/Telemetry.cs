using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DoanKetSangTao.ServiceDefaults.Telemetry;

/// <summary>The project's own activity source and meter; every service and building block uses these.</summary>
public static class PlatformTelemetry
{
    public const string SourceName = "DoanKetSangTao";

    public static readonly ActivitySource ActivitySource = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    /// <summary>Activity sources every host listens to: the runtime emits these without instrumentation packages.</summary>
    internal static readonly string[] ListenedSources =
    [
        SourceName,
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Npgsql",
        "MassTransit",
        "Grpc.Net.Client",
    ];

    internal static readonly string[] ListenedMeters =
    [
        SourceName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "Npgsql",
        "MassTransit",
    ];
}
