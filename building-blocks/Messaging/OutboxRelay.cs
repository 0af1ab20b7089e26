using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Data;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DoanKetSangTao.Messaging;

public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 100;

    /// <summary>Fallback poll when no notification arrives (a missed NOTIFY, a retry that became due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one publish may wait for the broker's confirm before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetainSent { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Publishes outbox rows to RabbitMQ with publisher confirms and marks them sent.
/// Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so any number of replicas share the work.
/// Publishes are mandatory, so an event no queue is bound for yet stays pending instead of being dropped.
/// A crash after publishing but before the commit leaves the rows pending: they are published again and
/// the consumers' inbox drops the duplicate (at-least-once delivery, exactly-once effect).
/// It wakes on LISTEN/NOTIFY for low latency and polls as a fallback, so it does not hammer the database.
/// </summary>
public sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    DatabaseSchema schema,
    IBus bus,
    MessageTypeRegistry types,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    public const string PublishedName = "dkst.outbox.published";
    public const string BacklogName = "dkst.outbox.backlog";
    public const string OldestUnsentAgeName = "dkst.outbox.oldest_unsent_age";

    private static readonly Counter<long> Published = PlatformTelemetry.Meter.CreateCounter<long>(
        PublishedName, "{message}", "Outbox rows published to the broker and confirmed, by message type.");
    private static readonly Counter<long> Failures = PlatformTelemetry.Meter.CreateCounter<long>(
        "dkst.outbox.publish_failures", "{message}", "Publish attempts that failed and were put in backoff.");

    /// <summary>Relays running in this process: the gauges report each one's database (several in tests, one in a service).</summary>
    private static readonly ConcurrentDictionary<OutboxRelay, byte> Running = new();

    // The gauges read what the relay's last pass counted (one cheap query on the partial index of unsent rows, in the
    // transaction it holds anyway, every poll at most); the age is computed at observation, so it grows while the relay is stuck.
    private static readonly ObservableGauge<long> BacklogGauge = PlatformTelemetry.Meter.CreateObservableGauge(
        BacklogName, () => Running.Keys.Select(r => new Measurement<long>(Interlocked.Read(ref r.backlog), r.DatabaseTag)),
        "{message}", "Outbox rows not yet published.");
    private static readonly ObservableGauge<double> OldestGauge = PlatformTelemetry.Meter.CreateObservableGauge(
        OldestUnsentAgeName, () => Running.Keys.Select(r => new Measurement<double>(r.OldestUnsentAge(), r.DatabaseTag)),
        "s", "Age of the oldest outbox row not yet published (0 when none is waiting).");

    private readonly DatabaseSignal signal = new(dataSource, Outbox.NotifyChannel, logger);
    private long backlog;
    private long oldestUnsentTicks; // UTC ticks of the oldest unsent row's created_at; 0 when none

    private readonly KeyValuePair<string, object?> databaseTag = new("db.namespace", new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database);

    private KeyValuePair<string, object?> DatabaseTag => databaseTag;

    private double OldestUnsentAge()
    {
        var ticks = Interlocked.Read(ref oldestUnsentTicks);
        return ticks == 0 ? 0 : Math.Max(0, (clock.GetUtcNow().UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = (BacklogGauge, OldestGauge);
        Running.TryAdd(this, 0);
        while (!schema.IsReady && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(100, stoppingToken);
        }

        var listener = signal.ListenAsync(stoppingToken);
        var opts = options.Value;
        var lastCleanup = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (published, failed) = await DispatchBatchAsync(stoppingToken);
                if (published == opts.BatchSize && !failed)
                {
                    continue; // more may be waiting
                }

                if (DateTimeOffset.UtcNow - lastCleanup > TimeSpan.FromHours(1))
                {
                    await DeleteOldSentAsync(stoppingToken);
                    lastCleanup = DateTimeOffset.UtcNow;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDispatchFailed(ex);
            }

            if (!await signal.WaitAsync(opts.PollInterval, stoppingToken))
            {
                break;
            }
        }

        await listener.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Publishes one batch of due rows, oldest first. Stops at the first failure that says the broker is away; a
    /// message that fails on its own (returned unroutable, unreadable) is put in backoff and the batch goes on.
    /// Order is not guaranteed across batches or replicas (a row in backoff can be overtaken): consumers must not depend on it.
    /// </summary>
    internal async Task<(int Published, bool Failed)> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var opts = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT id AS Id, message_type AS MessageType, payload::text AS Payload, trace_parent AS TraceParent,
                   trace_state AS TraceState, attempts AS Attempts, next_attempt_at AS NextAttemptAt
            FROM outbox_messages
            WHERE sent_at IS NULL AND next_attempt_at <= now()
            ORDER BY sequence
            LIMIT @Limit
            FOR UPDATE SKIP LOCKED
            """, new { Limit = opts.BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();

        var published = 0;
        var failed = false;
        foreach (var row in rows)
        {
            var entry = new OutboxEntry(row.Id, row.MessageType, row.Attempts, new DateTimeOffset(row.NextAttemptAt, TimeSpan.Zero), null, null);
            try
            {
                await PublishAsync(row, opts.PublishTimeout, cancellationToken);
                entry = entry.MarkSent(clock.GetUtcNow());
                published++;
                Published.Add(1, new KeyValuePair<string, object?>("message_type", row.MessageType));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A message the broker returned (no queue bound for its type yet) or cannot read fails alone and
                // waits in backoff; only a failure that says the broker is away stops the batch.
                failed = ex is not (MessageReturnedException or JsonException);
                Failures.Add(1);
                entry = entry.MarkFailed(clock.GetUtcNow(), Truncate(ex.Message, 2000));
                LogPublishFailed(ex, row.Id, row.MessageType, entry.Attempts, entry.NextAttemptAt);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE outbox_messages
                SET sent_at = @SentAt, attempts = @Attempts, next_attempt_at = @NextAttemptAt, last_error = @LastError
                WHERE id = @Id
                """,
                new { entry.Id, entry.SentAt, entry.Attempts, entry.NextAttemptAt, entry.LastError }, transaction, cancellationToken: cancellationToken));
            if (failed)
            {
                break;
            }
        }

        var (count, oldest) = await connection.QuerySingleAsync<(long, DateTime?)>(new CommandDefinition(
            "SELECT count(*), min(created_at) FROM outbox_messages WHERE sent_at IS NULL", transaction: transaction, cancellationToken: cancellationToken));
        Interlocked.Exchange(ref backlog, count);
        Interlocked.Exchange(ref oldestUnsentTicks, oldest is { } o ? DateTime.SpecifyKind(o, DateTimeKind.Utc).Ticks : 0);
        await transaction.CommitAsync(cancellationToken);
        return (published, failed);
    }

    private async Task PublishAsync(OutboxRow row, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var type = types.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Payload, type, Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {row.Id} has an empty payload.");

        // Continue the trace of the request that wrote the row, so one trace spans the whole flow.
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var activity = PlatformTelemetry.ActivitySource.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id.ToString());

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        // Mandatory: RabbitMQ drops a message that no queue is bound for (no subscriber has started yet)
        // and would still confirm it. Returned instead, it stays in the outbox and is retried.
        await bus.Publish(message, type, ctx =>
        {
            ctx.MessageId = row.Id;
            ctx.Mandatory = true;
        }, timeoutSource.Token);
    }

    private async Task DeleteOldSentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_messages WHERE sent_at < now() - @Retain",
            new { Retain = options.Value.RetainSent }, cancellationToken: cancellationToken));
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    public override void Dispose()
    {
        Running.TryRemove(this, out _);
        signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "Publishing outbox message {Id} ({Type}) failed on attempt {Attempt}; next try at {NextAttemptAt}")]
    private partial void LogPublishFailed(Exception ex, Guid id, string type, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(LogLevel.Error, "Outbox dispatch failed")]
    private partial void LogDispatchFailed(Exception ex);

    private sealed record OutboxRow(Guid Id, string MessageType, string Payload, string? TraceParent, string? TraceState, int Attempts, DateTime NextAttemptAt);
}
