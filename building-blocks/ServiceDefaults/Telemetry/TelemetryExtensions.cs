using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DoanKetSangTao.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry through its hosting package: traces of ASP.NET Core, HttpClient, Npgsql, MassTransit, grpc-dotnet
    /// and the project's own source; metrics of the same plus the .NET runtime and the project's meter. Nothing leaves
    /// the process unless OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter then reads every OTEL_EXPORTER_OTLP_* itself).
    /// Logs stay JSON on the console, with trace and span ids, so a log line finds its trace.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var resolvedName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } n ? n : serviceName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(resolvedName, serviceNamespace: "doanketsangtao",
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                // Health probes every few seconds would drown the traces people look for.
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(PlatformTelemetry.ListenedSources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformTelemetry.ListenedMeters));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Traces, metrics and logs to the collector operators configured; metrics every 15 s unless
            // OTEL_METRIC_EXPORT_INTERVAL says otherwise.
            telemetry.UseOtlpExporter();
            if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_METRIC_EXPORT_INTERVAL"]))
            {
                builder.Services.Configure<MetricReaderOptions>(o => o.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 15_000);
            }
        }

        return builder;
    }
}
