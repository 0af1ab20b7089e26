using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DoanKetSangTao.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Wires OpenTelemetry tracing and metrics into the host by hand: the
    /// OpenTelemetry.Extensions.Hosting package cannot be restored here (docs/decisions).
    /// OTLP export is on when OTEL_EXPORTER_OTLP_ENDPOINT is set; logs are JSON with trace and span ids.
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

        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var resolvedName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } n ? n : serviceName;
        var resource = ResourceBuilder.CreateDefault()
            .AddService(resolvedName, serviceNamespace: "doanketsangtao",
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString());

        builder.Services.AddSingleton(sp =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(PlatformTelemetry.ListenedSources);
            foreach (var processor in sp.GetServices<BaseProcessor<Activity>>())
            {
                tracing.AddProcessor(processor);
            }

            if (!string.IsNullOrWhiteSpace(otlpEndpoint))
            {
                // The exporter reads OTEL_EXPORTER_OTLP_* (endpoint, protocol, headers) itself.
                tracing.AddOtlpExporter();
            }

            return tracing.Build();
        });
        builder.Services.AddSingleton(sp =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(PlatformTelemetry.ListenedMeters);
            if (!string.IsNullOrWhiteSpace(otlpEndpoint))
            {
                metrics.AddOtlpExporter((OtlpExporterOptions _, MetricReaderOptions reader) =>
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 15_000);
            }

            return metrics.Build();
        });

        // Built before anything else starts so the first request is already traced; flushed on stop.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, TelemetryLifetime>());
        return builder;
    }

    private sealed class TelemetryLifetime(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<TracerProvider>();
            _ = services.GetRequiredService<MeterProvider>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<TracerProvider>().ForceFlush(5_000);
            services.GetRequiredService<MeterProvider>().ForceFlush(5_000);
            return Task.CompletedTask;
        }
    }
}
