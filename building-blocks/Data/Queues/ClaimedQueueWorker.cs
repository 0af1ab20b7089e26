using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DoanKetSangTao.Data.Queues;

/// <summary>
/// The one background worker behind every database-backed queue of the platform (outbox relay, e-mail sender, and
/// the reminders and renderers to come). It waits for the schema, wakes on the queue's NOTIFY channel (milliseconds)
/// or its poll interval (fallback), claims a batch, processes its items one by one and records each outcome, with
/// capped exponential <see cref="Backoff"/> for failures. It drains while batches make progress, so it neither
/// hammers the database nor lets a backlog wait for the poll. On shutdown it stops between or inside items: whatever
/// it claimed and did not settle is claimable again once the claim ends (at-least-once).
/// Hand-written: no maintained library restorable here works a SKIP LOCKED queue on the service's own tables
/// (Hangfire, Wolverine, CAP and Quartz bring their own job stores and runtimes; see docs/decisions/0006).
/// </summary>
public sealed partial class ClaimedQueueWorker<TItem>(
    IClaimedQueue<TItem> queue,
    NpgsqlDataSource dataSource,
    DatabaseSchema schema,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
    where TItem : IQueueItem
{
    // Logged under the queue's own category (DoanKetSangTao.Messaging.OutboxRelay …), as before the worker was shared.
    private readonly ILogger logger = loggers.CreateLogger(queue.GetType());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = queue.Settings;
        if (!schema.IsReady)
        {
            LogWaitingForSchema(settings.Name);
            await schema.WhenReadyAsync(stoppingToken);
        }

        using var signal = new DatabaseSignal(dataSource, settings.Channel, logger);
        var listener = signal.ListenAsync(stoppingToken);
        do
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested && await RunBatchAsync(stoppingToken) is { Done: > 0, Stopped: false })
                {
                    // Progress: more may be waiting (a full batch, or rows that arrived meanwhile).
                }

                if (!stoppingToken.IsCancellationRequested)
                {
                    await queue.IdleAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex, settings.Name);
            }
        }
        while (await signal.WaitAsync(queue.Settings.PollInterval, stoppingToken));

        await listener.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Claims one batch and settles its items in order. A failure that says a dependency is away stops the batch; any
    /// other failure waits in backoff alone while the batch goes on. Outcomes are recorded even while shutting down.
    /// </summary>
    internal async Task<(int Done, bool Stopped)> RunBatchAsync(CancellationToken cancellationToken)
    {
        await using var batch = await queue.ClaimAsync(cancellationToken);
        var done = 0;
        var stopped = false;
        foreach (var item in batch.Items)
        {
            try
            {
                await batch.ProcessAsync(item, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: this item and the rest are not settled; they are due again once the claim ends.
                break;
            }
            catch (Exception ex)
            {
                var kind = queue.Classify(ex);
                var attempt = item.Attempts + 1;
                await batch.FailAsync(item, new QueueFailure(ex, attempt, clock.GetUtcNow() + Backoff.After(attempt),
                    GivesUp: kind == QueueFailureKind.Permanent || attempt >= queue.Settings.MaxAttempts), CancellationToken.None);
                if (kind == QueueFailureKind.RetryAndStopBatch)
                {
                    stopped = true;
                    break;
                }

                continue;
            }

            await batch.CompleteAsync(item, CancellationToken.None);
            done++;
        }

        await batch.CommitAsync(CancellationToken.None);
        return (done, stopped);
    }

    [LoggerMessage(LogLevel.Information, "{Queue} waits for the database schema")]
    private partial void LogWaitingForSchema(string queue);

    [LoggerMessage(LogLevel.Error, "{Queue} dispatch failed")]
    private partial void LogPassFailed(Exception ex, string queue);
}

public static class ClaimedQueueExtensions
{
    /// <summary>Registers a queue and the worker that runs it (one per replica; replicas share the queue).</summary>
    public static IServiceCollection AddClaimedQueue<TQueue, TItem>(this IServiceCollection services)
        where TQueue : class, IClaimedQueue<TItem>
        where TItem : IQueueItem
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TQueue>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ClaimedQueueWorker<TItem>>(sp, (IClaimedQueue<TItem>)sp.GetRequiredService<TQueue>()));
        return services;
    }
}
