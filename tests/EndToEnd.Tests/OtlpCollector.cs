using System.Collections.Concurrent;
using DoanKetSangTao.Tests.EndToEnd.Otlp;
using DoanKetSangTao.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.Tests.EndToEnd;

public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, SpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Whether the span's name or any of its string attributes (url.full, url.path, rpc.method…) mentions <paramref name="text"/>.</summary>
    public bool Mentions(string text) => Name.Contains(text, StringComparison.Ordinal) || Attributes.Values.Any(v => v.Contains(text, StringComparison.Ordinal));

    public override string ToString() => $"{Service}/{Kind}/{Scope}/{Name}";
}

/// <summary>OTLP span kinds (the numbers on the wire).</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

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
        // No configuration but this code: the test output holds the services' copied appsettings.json, whose
        // Kestrel:Endpoints (ports 8080 and 8081 on all interfaces) Kestrel would bind besides the port below.
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollector(app, port);
        app.MapPost("/v1/traces", collector.ReceiveAsync);
        app.MapPost("/v1/{signal}", (string signal) => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        if (bound.Count != 1 || !bound.Contains(collector.Endpoint))
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The collector must listen on {collector.Endpoint} only; it bound {string.Join(", ", bound)}.");
        }

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
                    var attributes = span.Attributes.Where(a => a.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue)
                        .GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Value.StringValue);
                    spans.Add(new ReceivedSpan(service, scope.Scope?.Name ?? "?", Convert.ToHexStringLower(span.TraceId.Span),
                        Convert.ToHexStringLower(span.SpanId.Span), Convert.ToHexStringLower(span.ParentSpanId.Span), span.Name, (SpanKind)span.Kind, attributes));
                }
            }
        }

        return Results.Bytes([], "application/x-protobuf");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
