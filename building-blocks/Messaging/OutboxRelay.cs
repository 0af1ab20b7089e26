using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using MassTransit;
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
/// Publishes outbox rows to RabbitMQ with publisher confirms and marks them sent: the outbox's side of the
/// <see cref="ClaimedQueueWorker{TItem}"/>, which wakes it on LISTEN/NOTIFY for low latency and polls as a fallback.
/// Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> in a transaction held while the batch is published, so any number
/// of replicas share the work. Publishes are mandatory, so an event no queue is bound for yet stays pending instead of being
/// dropped. A crash after publishing but before the commit leaves the rows pending: they are published again and the
/// consumers' inbox drops the duplicate (at-least-once delivery, exactly-once effect).
/// </summary>
public sealed partial class OutboxRelay : IClaimedQueue<OutboxRelay.OutboxRow>, IDisposable
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
        BacklogName, () => Running.Keys.Select(r => new Measurement<long>(Interlocked.Read(ref r.backlog), r.databaseTag)),
        "{message}", "Outbox rows not yet published.");
    private static readonly ObservableGauge<double> OldestGauge = PlatformTelemetry.Meter.CreateObservableGauge(
        OldestUnsentAgeName, () => Running.Keys.Select(r => new Measurement<double>(r.OldestUnsentAge(), r.databaseTag)),
        "s", "Age of the oldest outbox row not yet published (0 when none is waiting).");

    private readonly NpgsqlDataSource dataSource;
    private readonly IBus bus;
    private readonly MessageTypeRegistry types;
    private readonly IOptions<OutboxOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<OutboxRelay> logger;
    private readonly KeyValuePair<string, object?> databaseTag;
    private long backlog;
    private long oldestUnsentTicks; // UTC ticks of the oldest unsent row's created_at; 0 when none
    private DateTimeOffset lastCleanup = DateTimeOffset.MinValue;

    public OutboxRelay(NpgsqlDataSource dataSource, IBus bus, MessageTypeRegistry types, IOptions<OutboxOptions> options, TimeProvider clock,
        ILogger<OutboxRelay> logger)
    {
        (this.dataSource, this.bus, this.types, this.options, this.clock, this.logger) = (dataSource, bus, types, options, clock, logger);
        databaseTag = new("db.namespace", new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database);
        _ = (BacklogGauge, OldestGauge);
        Running.TryAdd(this, 0);
    }

    public QueueSettings Settings => new("Outbox", Outbox.NotifyChannel, options.Value.PollInterval);

    private double OldestUnsentAge()
    {
        var ticks = Interlocked.Read(ref oldestUnsentTicks);
        return ticks == 0 ? 0 : Math.Max(0, (clock.GetUtcNow().UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond);
    }

    /// <summary>
    /// Claims one batch of due rows, oldest first, in a transaction the batch holds while it publishes.
    /// Order is not guaranteed across batches or replicas (a row in backoff can be overtaken): consumers must not depend on it.
    /// </summary>
    public async Task<IClaimedBatch<OutboxRow>> ClaimAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                """
                SELECT id AS Id, message_type AS MessageType, payload::text AS Payload, trace_parent AS TraceParent,
                       trace_state AS TraceState, attempts AS Attempts, next_attempt_at AS NextAttemptAt
                FROM outbox_messages
                WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY sequence
                LIMIT @Limit
                FOR UPDATE SKIP LOCKED
                """, new { Limit = options.Value.BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();
            return new Batch(this, connection, transaction, rows);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A message the broker returned (no queue bound for its type yet) or cannot read fails alone and waits in backoff;
    /// only a failure that says the broker is away stops the batch.
    /// </summary>
    public QueueFailureKind Classify(Exception error) =>
        error is MessageReturnedException or JsonException ? QueueFailureKind.Retry : QueueFailureKind.RetryAndStopBatch;

    /// <summary>Deletes rows sent longer ago than <see cref="OutboxOptions.RetainSent"/>, at most hourly.</summary>
    public async Task IdleAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - lastCleanup <= TimeSpan.FromHours(1))
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_messages WHERE sent_at < now() - @Retain",
            new { Retain = options.Value.RetainSent }, cancellationToken: cancellationToken));
        lastCleanup = DateTimeOffset.UtcNow;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var type = types.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Payload, type, Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {row.Id} has an empty payload.");

        // Continue the trace of the request that wrote the row, so one trace spans the whole flow.
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var activity = PlatformTelemetry.ActivitySource.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id.ToString());

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(options.Value.PublishTimeout);
        // Mandatory: RabbitMQ drops a message that no queue is bound for (no subscriber has started yet)
        // and would still confirm it. Returned instead, it stays in the outbox and is retried.
        await bus.Publish(message, type, ctx =>
        {
            ctx.MessageId = row.Id;
            ctx.Mandatory = true;
        }, timeoutSource.Token);
    }


    public void Dispose() => Running.TryRemove(this, out _);

    [LoggerMessage(LogLevel.Warning, "Publishing outbox message {Id} ({Type}) failed on attempt {Attempt}; next try at {NextAttemptAt}")]
    private partial void LogPublishFailed(Exception ex, Guid id, string type, int attempt, DateTimeOffset nextAttemptAt);

    public sealed record OutboxRow(Guid Id, string MessageType, string Payload, string? TraceParent, string? TraceState, int Attempts, DateTime NextAttemptAt)
        : IQueueItem;

    /// <summary>Rows claimed in one transaction: each outcome is written in it, and the commit records them all together.</summary>
    private sealed class Batch(OutboxRelay relay, NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<OutboxRow> items)
        : IClaimedBatch<OutboxRow>
    {
        public IReadOnlyList<OutboxRow> Items => items;

        public Task ProcessAsync(OutboxRow item, CancellationToken cancellationToken) => relay.PublishAsync(item, cancellationToken);

        public async Task CompleteAsync(OutboxRow item, CancellationToken cancellationToken)
        {
            Published.Add(1, new KeyValuePair<string, object?>("message_type", item.MessageType));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET sent_at = @SentAt, last_error = NULL WHERE id = @Id",
                new { item.Id, SentAt = relay.clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        }

        public async Task FailAsync(OutboxRow item, QueueFailure failure, CancellationToken cancellationToken)
        {
            Failures.Add(1);
            relay.LogPublishFailed(failure.Error, item.Id, item.MessageType, failure.Attempt, failure.NextAttemptAt);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET attempts = @Attempt, next_attempt_at = @NextAttemptAt, last_error = @LastError WHERE id = @Id",
                new { item.Id, failure.Attempt, failure.NextAttemptAt, LastError = failure.ErrorText },
                transaction, cancellationToken: cancellationToken));
        }

        /// <summary>Counts what is left for the gauges, in the transaction held anyway, then commits.</summary>
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            var (count, oldest) = await connection.QuerySingleAsync<(long, DateTime?)>(new CommandDefinition(
                "SELECT count(*), min(created_at) FROM outbox_messages WHERE sent_at IS NULL", transaction: transaction, cancellationToken: cancellationToken));
            Interlocked.Exchange(ref relay.backlog, count);
            Interlocked.Exchange(ref relay.oldestUnsentTicks, oldest is { } o ? DateTime.SpecifyKind(o, DateTimeKind.Utc).Ticks : 0);
            await transaction.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
