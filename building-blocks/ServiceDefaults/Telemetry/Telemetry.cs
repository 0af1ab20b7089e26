using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DoanKetSangTao.ServiceDefaults.Telemetry;

/// <summary>The project's own activity source and meter; every service and building block uses these.</summary>
public static class PlatformTelemetry
{
    public const string SourceName = "DoanKetSangTao";

    public static readonly ActivitySource ActivitySource = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    /// <summary>
    /// Activity sources listened to besides those the instrumentation packages add (ASP.NET Core, HttpClient, Npgsql):
    /// the project's own, MassTransit's (publish and consume, so a trace crosses RabbitMQ) and grpc-dotnet's client.
    /// </summary>
    internal static readonly string[] ListenedSources =
    [
        SourceName,
        "MassTransit",
        "Grpc.Net.Client",
    ];

    /// <summary>Meters listened to besides those the instrumentation packages add (ASP.NET Core, HttpClient, runtime).</summary>
    internal static readonly string[] ListenedMeters =
    [
        SourceName,
        "MassTransit",
        "Npgsql",
        "Microsoft.AspNetCore.RateLimiting",
    ];
}
