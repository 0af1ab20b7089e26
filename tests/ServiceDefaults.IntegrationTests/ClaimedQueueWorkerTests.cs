using System.Collections.Concurrent;
using Dapper;
using DoanKetSangTao.Data;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

/// <summary>
/// The one claimed-queue worker (behind the outbox relay and the e-mail sender) on real PostgreSQL, with a small
/// leased queue shaped like the ones to come (reminders, renderers): a table, a NOTIFY channel and a handler whose
/// effect is a row per run, so "processed once" is a count per item.
/// </summary>
public sealed class ClaimedQueueWorkerTests : IAsyncLifetime
{
    private const string Schema =
        """
        CREATE TABLE work_items (
            id uuid PRIMARY KEY, status text NOT NULL DEFAULT 'pending', attempts int NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT now(), lease_until timestamptz, last_error text,
            done_at timestamptz);
        CREATE TABLE work_effects (item_id uuid NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
        """;

    private PostgresDatabase database = null!;
    private NpgsqlDataSource db = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("queue");
        db = database.CreateDataSource();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Two_workers_on_one_queue_never_process_the_same_item()
    {
        await ExecuteAsync(Schema);
        var a = new WorkQueue(db, "a") { BatchSize = 7 };
        var b = new WorkQueue(db, "b") { BatchSize = 7 };
        using var first = Worker(a, Ready());
        using var second = Worker(b, Ready());
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);

        // Written while both run, in small commits with a NOTIFY each, so the two claim concurrently.
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var chunk in ids.Chunk(10))
        {
            await EnqueueAsync(chunk);
        }

        await Eventually(async () => await ScalarAsync("SELECT count(*) FROM work_items WHERE status = 'done'") == ids.Count, "every item done", 60);
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        // Each run of the handler leaves a row: one row per item means no item was processed twice (or skipped).
        Assert.Equal(ids.Count, await ScalarAsync("SELECT count(DISTINCT item_id) FROM work_effects"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM (SELECT item_id FROM work_effects GROUP BY item_id HAVING count(*) > 1) twice"));
        Assert.Equal(ids.Count, a.Processed + b.Processed);
    }

    [Fact]
    public async Task A_failed_item_waits_its_backoff_and_is_then_retried_until_it_succeeds()
    {
        await ExecuteAsync(Schema);
        var queue = new WorkQueue(db, "w") { FailFirstAttempt = true };
        using var worker = Worker(queue, Ready());
        await worker.StartAsync(CancellationToken.None);
        var id = Guid.CreateVersion7();
        await EnqueueAsync([id]);

        await Eventually(async () => await ScalarAsync($"SELECT count(*) FROM work_items WHERE id = '{id}' AND status = 'done'") == 1, "the item done", 30);
        await worker.StopAsync(CancellationToken.None);

        await using var c = await db.OpenConnectionAsync();
        var row = await c.QuerySingleAsync<(int Attempts, string LastError)>("SELECT attempts, last_error FROM work_items WHERE id = @id", new { id });
        Assert.Equal(2, row.Attempts);
        Assert.Equal(WorkQueue.FirstAttemptError, row.LastError);
        // Not retried in the same pass or the next poll (200 ms) but once its backoff (1 s) was over. The worker reads its
        // clock between the throw and the failure being recorded, so the due time lies in that window plus the backoff
        // (a busy machine widens the window; it cannot move the due time before the throw plus the backoff).
        var (failedAt, dueAt) = queue.FirstFailure!.Value;
        Assert.InRange(dueAt, queue.ThrewAt + Backoff.After(1), failedAt + Backoff.After(1));
        Assert.True(queue.LastStartedAt >= dueAt - TimeSpan.FromMilliseconds(100), $"retried at {queue.LastStartedAt:O}, due at {dueAt:O}");
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM work_effects WHERE item_id = '{id}'"));
    }

    [Fact]
    public async Task A_notify_wakes_the_worker_without_waiting_for_the_poll()
    {
        await ExecuteAsync(Schema);
        var queue = new WorkQueue(db, "w") { PollInterval = TimeSpan.FromMinutes(10) };
        using var worker = Worker(queue, Ready());
        await worker.StartAsync(CancellationToken.None);
        // The first pass runs at start; the second is the catch-up right after LISTEN. After it, only a NOTIFY (or the
        // 10-minute poll) wakes the worker.
        await Eventually(() => Task.FromResult(queue.Claims >= 2), "the worker listening and idle", 30);
        var claims = queue.Claims;

        var id = Guid.CreateVersion7();
        await EnqueueAsync([id]);
        await Eventually(async () => await ScalarAsync($"SELECT count(*) FROM work_items WHERE id = '{id}' AND status = 'done'") == 1,
            "the item done long before the 10-minute poll", 30);
        Assert.True(queue.Claims > claims);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_worker_claims_nothing_until_the_schema_is_ready()
    {
        var schema = new DatabaseSchema([]);
        var logs = new CapturedLogs();
        var queue = new WorkQueue(db, "w") { Schema = schema };
        using var worker = Worker(queue, schema, logs);
        await worker.StartAsync(CancellationToken.None);
        await Eventually(() => Task.FromResult(logs.Messages.Any(m => m.Contains("waits for the database schema", StringComparison.Ordinal))),
            "the worker waiting for the schema", 30);

        // The migrations run (the table did not exist before) and the first item is written; then the schema is ready.
        await ExecuteAsync(Schema);
        var id = Guid.CreateVersion7();
        await EnqueueAsync([id]);
        Assert.Equal(0, queue.Claims);
        schema.IsReady = true;

        await Eventually(async () => await ScalarAsync($"SELECT count(*) FROM work_items WHERE id = '{id}' AND status = 'done'") == 1, "the item done", 30);
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(0, queue.ClaimsBeforeReady);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("dispatch failed", StringComparison.Ordinal)); // never queried a missing table
    }

    [Fact]
    public async Task Shutdown_stops_the_worker_mid_item_and_the_claimed_item_is_claimable_again()
    {
        await ExecuteAsync(Schema);
        var hanging = new WorkQueue(db, "a") { Lease = TimeSpan.FromSeconds(2), HangUntilCancelled = true };
        using var first = Worker(hanging, Ready());
        await first.StartAsync(CancellationToken.None);
        var id = Guid.CreateVersion7();
        await EnqueueAsync([id]);
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await first.StopAsync(deadline.Token);
        }

        Assert.True(first.ExecuteTask!.IsCompleted, "the worker stopped while its handler was running");
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM work_effects WHERE item_id = '{id}'"));
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM work_items WHERE id = '{id}' AND status = 'sending'"));

        // Nothing was recorded for the interrupted item: once its lease runs out, the next worker takes it.
        var next = new WorkQueue(db, "b");
        using var second = Worker(next, Ready());
        await second.StartAsync(CancellationToken.None);
        await Eventually(async () => await ScalarAsync($"SELECT count(*) FROM work_items WHERE id = '{id}' AND status = 'done'") == 1,
            "the next worker to process the interrupted item", 30);
        await second.StopAsync(CancellationToken.None);
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM work_effects WHERE item_id = '{id}' AND worker = 'b'"));
        Assert.Equal(1, await ScalarAsync($"SELECT attempts FROM work_items WHERE id = '{id}'"));
    }

    private static DatabaseSchema Ready() => new([]) { IsReady = true };

    private ClaimedQueueWorker<WorkItem> Worker(WorkQueue queue, DatabaseSchema schema, CapturedLogs? logs = null)
    {
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs ?? new CapturedLogs()));
        return new ClaimedQueueWorker<WorkItem>(queue, db, schema, TimeProvider.System, loggers);
    }

    private async Task EnqueueAsync(IEnumerable<Guid> ids)
    {
        await using var c = await db.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync("INSERT INTO work_items (id) SELECT unnest(@ids); SELECT pg_notify(@channel, '')",
            new { ids = ids.ToArray(), channel = WorkQueue.Channel }, tx);
        await tx.CommitAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var c = await db.OpenConnectionAsync();
        await c.ExecuteAsync(sql);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private static Task Eventually(Func<Task<bool>> probe, string what, int seconds) =>
        TestInfrastructure.EventuallyAsync<object>(async () => await probe() ? true : null, TimeSpan.FromSeconds(seconds), what);
}

public sealed record WorkItem(Guid Id, int Attempts) : IQueueItem;

/// <summary>A leased queue as a reminder or renderer queue would be written: claim with a lease, run, record the outcome.</summary>
public sealed class WorkQueue(NpgsqlDataSource db, string name) : IClaimedQueue<WorkItem>
{
    public const string Channel = "dkst_test_work";
    public const string FirstAttemptError = "lần đầu thất bại";

    private int claims;
    private int claimsBeforeReady;
    private int processed;

    public int BatchSize { get; init; } = 20;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    public bool FailFirstAttempt { get; init; }

    public bool HangUntilCancelled { get; init; }

    public DatabaseSchema? Schema { get; init; }

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Claims => Volatile.Read(ref claims);

    public int ClaimsBeforeReady => Volatile.Read(ref claimsBeforeReady);

    public int Processed => Volatile.Read(ref processed);

    /// <summary>When the first failure was recorded and when the worker said the item is due again.</summary>
    public (DateTimeOffset FailedAt, DateTimeOffset DueAt)? FirstFailure { get; private set; }

    /// <summary>When the handler threw on the first attempt: before the worker read its clock to set the item's due time.</summary>
    public DateTimeOffset ThrewAt { get; private set; }

    /// <summary>When the handler last started on an item.</summary>
    public DateTimeOffset LastStartedAt { get; private set; }

    public QueueSettings Settings => new("Work", Channel, PollInterval);

    private NpgsqlDataSource Db => db;

    private string Name => name;

    public async Task<IClaimedBatch<WorkItem>> ClaimAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref claims);
        if (Schema is { IsReady: false })
        {
            Interlocked.Increment(ref claimsBeforeReady);
        }

        var items = await LeasedClaim.ClaimAsync<WorkItem>(db, "work_items", "id AS Id, attempts AS Attempts", BatchSize, Lease, cancellationToken);
        return new Batch(this, items);
    }

    private sealed class Batch(WorkQueue queue, IReadOnlyList<WorkItem> items) : IClaimedBatch<WorkItem>
    {
        public IReadOnlyList<WorkItem> Items => items;

        public async Task ProcessAsync(WorkItem item, CancellationToken cancellationToken)
        {
            queue.LastStartedAt = TimeProvider.System.GetUtcNow();
            if (queue.HangUntilCancelled)
            {
                queue.Started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (queue.FailFirstAttempt && item.Attempts == 0)
            {
                queue.ThrewAt = TimeProvider.System.GetUtcNow();
                throw new InvalidOperationException(FirstAttemptError);
            }

            await using var c = await queue.Db.OpenConnectionAsync(cancellationToken);
            await c.ExecuteAsync(new CommandDefinition("INSERT INTO work_effects (item_id, worker) VALUES (@Id, @Worker)",
                new { item.Id, Worker = queue.Name }, cancellationToken: cancellationToken));
            Interlocked.Increment(ref queue.processed);
        }

        public async Task CompleteAsync(WorkItem item, CancellationToken cancellationToken)
        {
            await using var c = await queue.Db.OpenConnectionAsync(cancellationToken);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE work_items SET status = 'done', attempts = attempts + 1, lease_until = NULL, done_at = clock_timestamp() WHERE id = @Id",
                new { item.Id }, cancellationToken: cancellationToken));
        }

        public async Task FailAsync(WorkItem item, QueueFailure failure, CancellationToken cancellationToken)
        {
            queue.FirstFailure ??= (TimeProvider.System.GetUtcNow(), failure.NextAttemptAt);
            await using var c = await queue.Db.OpenConnectionAsync(cancellationToken);
            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE work_items SET status = @Status, attempts = @Attempt, next_attempt_at = @NextAttemptAt, lease_until = NULL,
                    last_error = @Error
                WHERE id = @Id
                """,
                new { item.Id, Status = failure.GivesUp ? "failed" : "pending", failure.Attempt, failure.NextAttemptAt, Error = failure.Error.Message },
                cancellationToken: cancellationToken));
        }

        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Log messages as a provider receives them, to wait on what the worker says it is doing.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> messages = new();

    public IReadOnlyCollection<string> Messages => messages;

    public ILogger CreateLogger(string categoryName) => new Logger(messages);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
