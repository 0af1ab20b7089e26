using DoanKetSangTao.Contracts.IntegrationEvents;
using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using DoanKetSangTao.Tests.Support;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

/// <summary>The event a stand-in service announces in these tests.</summary>
public sealed record SampleRecorded(Guid EventId, DateTimeOffset OccurredAt, string Note) : IIntegrationEvent;

/// <summary>An event no service subscribes to: the broker returns it (mandatory publish).</summary>
public sealed record NobodyListens(Guid EventId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Counts every delivery the broker makes, duplicates included, on its own queue.</summary>
public sealed class DeliveryCounter : IConsumer<SampleRecorded>
{
    public static readonly ConcurrentDictionary<Guid, int> Deliveries = new();

    public Task Consume(ConsumeContext<SampleRecorded> context)
    {
        Deliveries.AddOrUpdate(context.Message.EventId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>The effect under test: one row per event, written through the inbox.</summary>
public sealed class EffectConsumer(ServiceDatabase database, ILogger<EffectConsumer> logger) : IdempotentConsumer<SampleRecorded>(database, logger)
{
    protected override async Task HandleAsync(SampleRecorded message, DatabaseSession session, CancellationToken cancellationToken)
    {
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO effects (event_id, note, trace_id) VALUES (@EventId, @Note, @TraceId)",
            new { message.EventId, message.Note, TraceId = Activity.Current?.TraceId.ToString() }, session.Tx, cancellationToken: cancellationToken));
    }
}

/// <summary>An event whose consumer fails while <see cref="FlakyConsumer.Broken"/> is set (a bug awaiting its fix).</summary>
public sealed record ReportFiled(Guid EventId, DateTimeOffset OccurredAt, string Note) : IIntegrationEvent;

public sealed class FlakyConsumer(ServiceDatabase database, ILogger<FlakyConsumer> logger) : IdempotentConsumer<ReportFiled>(database, logger)
{
    public static volatile bool Broken = true;

    protected override async Task HandleAsync(ReportFiled message, DatabaseSession session, CancellationToken cancellationToken)
    {
        if (Broken)
        {
            throw new InvalidOperationException("Lỗi chưa được sửa.");
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO effects (event_id, note) VALUES (@EventId, @Note)", new { message.EventId, message.Note }, session.Tx, cancellationToken: cancellationToken));
    }
}

/// <summary>A stand-in service process: database with migrations, bus, outbox relay and the two consumers.</summary>
public static class StandInService
{
    public const string Name = "standin";

    /// <param name="waitForBus">Wait until every receive endpoint is bound (false when the broker is meant to be unreachable).</param>
    public static async Task<IHost> StartAsync(string database, string broker, Action<IBusRegistrationConfigurator>? extra = null, bool waitForBus = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = database,
            ["ConnectionStrings:RabbitMq"] = broker,
            ["Outbox:PollInterval"] = "00:00:00.500",
            ["Outbox:PublishTimeout"] = "00:00:02",
            ["Messaging:RetryLimit"] = "1",
        });
        builder.AddPlatformTelemetry(Name);
        builder.AddPlatformDatabase(typeof(StandInService).Assembly, Name);
        builder.AddPlatformMessaging(Name, typeof(SampleRecorded).Assembly, x =>
        {
            x.AddConsumer<EffectConsumer>();
            x.AddConsumer<DeliveryCounter>();
            x.AddConsumer<FlakyConsumer>();
            extra?.Invoke(x);
        });
        var host = builder.Build();
        await host.StartAsync();
        if (waitForBus)
        {
            // The bus starts in the background; tests that count deliveries need the queues bound first.
            var health = await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
            if (health != BusHealthStatus.Healthy)
            {
                throw new InvalidOperationException($"The stand-in service's bus is {health} after 60 s.");
            }
        }

        return host;
    }

    /// <summary>What a request handler does: a state change and its event in one transaction.</summary>
    public static async Task<SampleRecorded> RecordAsync(NpgsqlDataSource db, string note)
    {
        var evt = new SampleRecorded(Guid.CreateVersion7(), DateTimeOffset.UtcNow, note);
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("INSERT INTO orders (id, note) VALUES (@EventId, @Note)", new { evt.EventId, evt.Note }, tx);
        await new Outbox().EnqueueAsync(evt, tx);
        await tx.CommitAsync();
        return evt;
    }

    public static async Task<int> EffectsAsync(NpgsqlDataSource db, Guid eventId)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<int>("SELECT count(*) FROM effects WHERE event_id = @eventId", new { eventId });
    }

    public static async Task<int> InboxRowsAsync(NpgsqlDataSource db, Guid eventId)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @eventId", new { eventId });
    }

    /// <summary>How many copies of the event the consumer under test was handed (0 before the first).</summary>
    public static async Task<int> InboxDeliveriesAsync(NpgsqlDataSource db, Guid eventId)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<int?>("SELECT sum(deliveries)::int FROM inbox_messages WHERE message_id = @eventId", new { eventId }) ?? 0;
    }

    public static async Task<(int Attempts, DateTime? SentAt)> OutboxRowAsync(NpgsqlDataSource db, Guid eventId)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.QuerySingleAsync<(int, DateTime?)>("SELECT attempts, sent_at FROM outbox_messages WHERE id = @eventId", new { eventId });
    }

    public static Task<T> Eventually<T>(Func<Task<T?>> probe, string what, int seconds = 60) =>
        TestInfrastructure.EventuallyAsync(probe, TimeSpan.FromSeconds(seconds), what);

    /// <summary>Waits for the event's effect; on time-out, says where the event got stuck.</summary>
    public static async Task WaitForEffectAsync(NpgsqlDataSource db, Guid eventId, string what, int seconds = 60)
    {
        try
        {
            await Eventually<int?>(async () => await EffectsAsync(db, eventId) is 1 ? 1 : null, what, seconds);
        }
        catch (TimeoutException ex)
        {
            await using var c = await db.OpenConnectionAsync();
            var row = await c.QuerySingleOrDefaultAsync<(int Attempts, DateTime? SentAt, string? LastError)>(
                "SELECT attempts, sent_at, last_error FROM outbox_messages WHERE id = @eventId", new { eventId });
            throw new TimeoutException(
                $"{ex.Message} Outbox row: attempts={row.Attempts}, sent_at={row.SentAt}, last_error={row.LastError}; " +
                $"deliveries seen={DeliveryCounter.Deliveries.GetValueOrDefault(eventId)}.", ex);
        }
    }

    public static Activity StartRequestActivity() =>
        PlatformTelemetry.ActivitySource.StartActivity("test request", ActivityKind.Server)
        ?? throw new InvalidOperationException("No listener for the platform's activity source.");
}
