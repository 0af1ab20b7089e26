using System.Collections.Concurrent;
using DoanKetSangTao.Tests.EndToEnd.Otlp;
using DoanKetSangTao.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.Tests.EndToEnd;

public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind);

/// <summary>
/// Receives what the services export over OTLP/HTTP (protobuf), as a collector would, so the test sees
/// the spans every process really emitted.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentBag<ReceivedSpan> spans = [];

    private OtlpCollector(WebApplication app, int port)
    {
        this.app = app;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public IReadOnlyCollection<ReceivedSpan> Spans => spans;

    public static async Task<OtlpCollector> StartAsync()
    {
        var port = TestInfrastructure.FreeTcpPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollector(app, port);
        app.MapPost("/v1/traces", collector.ReceiveAsync);
        app.MapPost("/v1/{signal}", (string signal) => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        return collector;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var export = ExportTraceServiceRequest.Parser.ParseFrom(buffer.ToArray());
        foreach (var resource in export.ResourceSpans)
        {
            var service = resource.Resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "?";
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    spans.Add(new ReceivedSpan(service, scope.Scope?.Name ?? "?", Convert.ToHexStringLower(span.TraceId.Span),
                        Convert.ToHexStringLower(span.SpanId.Span), Convert.ToHexStringLower(span.ParentSpanId.Span), span.Name, span.Kind));
                }
            }
        }

        return Results.Bytes([], "application/x-protobuf");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
