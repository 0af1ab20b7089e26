using DoanKetSangTao.Domain;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using DoanKetSangTao.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

/// <summary>
/// The metrics an operator watches exist on the platform's meter and move with what really happens: a real outbox table
/// on PostgreSQL, a real broker (made unreachable through a proxy), a real Kestrel host writing Problem Details.
/// They are read the way an exporter reads them, with a <see cref="MeterListener"/>.
/// </summary>
public sealed class OperatorMetricsTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private RabbitVirtualHost vhost = null!;
    private NpgsqlDataSource db = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("metrics");
        vhost = await RabbitVirtualHost.CreateAsync("metrics");
        db = database.CreateDataSource();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await vhost.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Outbox_backlog_and_its_age_grow_while_the_broker_is_away_and_deliveries_and_consume_lag_are_counted_once_it_is_back()
    {
        using var metrics = new MetricsProbe();
        await using var proxy = new TcpProxy(TestInfrastructure.RabbitPort); // not started: the broker is "down"
        using var host = await StandInService.StartAsync(database.ConnectionString, vhost.UriFor(proxy.Port), waitForBus: false);
        var ours = new KeyValuePair<string, object?>("db.namespace", database.Name);

        var evt = await StandInService.RecordAsync(db, "chỉ số khi máy chủ tin nhắn ngừng");
        await StandInService.Eventually<bool?>(() => Task.FromResult<bool?>(
            metrics.Observe(OutboxRelay.BacklogName, ours) == 1 ? true : null), "the backlog gauge to show the unsent row", 30);
        // The age is of the oldest unsent row, so it keeps growing while nothing can be sent.
        var firstAge = metrics.Observe(OutboxRelay.OldestUnsentAgeName, ours);
        await StandInService.Eventually<bool?>(() => Task.FromResult<bool?>(
            metrics.Observe(OutboxRelay.OldestUnsentAgeName, ours) >= firstAge + 1 ? true : null), "the oldest unsent age to grow", 30);
        var published = metrics.Total(OutboxRelay.PublishedName);
        var consumed = metrics.Total(ConsumeMetrics.ConsumedName);
        var lags = metrics.Count(ConsumeMetrics.LagName);

        proxy.Start();
        await StandInService.WaitForEffectAsync(db, evt.EventId, "the event to be consumed after the broker came back", 90);
        await StandInService.Eventually<bool?>(() => Task.FromResult<bool?>(
            metrics.Observe(OutboxRelay.BacklogName, ours) == 0 && metrics.Observe(OutboxRelay.OldestUnsentAgeName, ours) == 0 ? true : null),
            "the backlog and its age back to zero", 30);
        Assert.True(metrics.Total(OutboxRelay.PublishedName) > published, "dkst.outbox.published counted the publish");
        Assert.True(metrics.Total(ConsumeMetrics.ConsumedName) > consumed, "dkst.messaging.consumed counted the consumption");
        Assert.True(metrics.Count(ConsumeMetrics.LagName) > lags, "dkst.messaging.consume_lag recorded the message's age");
        Assert.All(metrics.Values(ConsumeMetrics.LagName), lag => Assert.InRange(lag, 0, 60));
        await host.StopAsync();
    }

    [Fact]
    public async Task Every_problem_details_answer_is_counted_by_its_code()
    {
        using var metrics = new MetricsProbe();
        var port = TestInfrastructure.FreeTcpPort();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        using var key = System.Security.Cryptography.RSA.Create(2048);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = "https://sso.mattran.example.vn/realms/dkst",
            ["Identity:SigningKeyPem"] = key.ExportSubjectPublicKeyInfoPem(),
        });
        builder.AddServiceDefaults("metrics-test");
        await using var app = builder.Build();
        app.UseServiceDefaults();
        app.MapGet("/conflict", () => Refusal.Conflict("metrics_test_conflict", "Xung đột để kiểm thử chỉ số.").ToProblem()).AllowAnonymous();
        app.MapGet("/thrown", IResultThrows).AllowAnonymous();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/anything")).StatusCode); // the authentication handler
        Assert.Equal(HttpStatusCode.Conflict, (await http.GetAsync("/conflict")).StatusCode);   // an endpoint's result
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/thrown")).StatusCode);  // the exception handler

        // Other test classes run beside this one and write the common codes too; the code only this test uses is counted exactly once.
        Assert.Equal(1, metrics.Total(Problems.WrittenMetricName, new("code", "metrics_test_conflict")));
        Assert.True(metrics.Total(Problems.WrittenMetricName, new("code", "unauthenticated")) >= 1);
        Assert.True(metrics.Total(Problems.WrittenMetricName, new("code", Problems.ValidationFailed)) >= 1);
        await app.StopAsync();

        static Microsoft.AspNetCore.Http.IResult IResultThrows() => throw Refusal.Invalid("truong", "Trường này bắt buộc.").ToException();
    }

    /// <summary>Listens to the platform's meter as an exporter would; keeps every measurement with its tags.</summary>
    private sealed class MetricsProbe : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> measurements = new();

        public MetricsProbe()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PlatformTelemetry.SourceName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.Start();
        }

        /// <summary>Reads the gauges now and returns the one measurement carrying <paramref name="tag"/> (or NaN if none does).</summary>
        public double Observe(string name, KeyValuePair<string, object?> tag)
        {
            lock (listener)
            {
                var before = measurements.Count;
                listener.RecordObservableInstruments();
                return measurements.Skip(before).Where(m => m.Name == name && m.Tags.Contains(tag)).Select(m => m.Value).DefaultIfEmpty(double.NaN).Last();
            }
        }

        public double Total(string name, KeyValuePair<string, object?>? tag = null) =>
            measurements.Where(m => m.Name == name && (tag is null || m.Tags.Contains(tag.Value))).Sum(m => m.Value);

        public int Count(string name) => measurements.Count(m => m.Name == name);

        public IEnumerable<double> Values(string name) => measurements.Where(m => m.Name == name).Select(m => m.Value);

        public void Dispose() => listener.Dispose();
    }
}
