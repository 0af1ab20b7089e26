namespace DoanKetSangTao.Data.Queues;

/// <summary>One row of a claimed queue, as the worker needs it: how often it has failed so far.</summary>
public interface IQueueItem
{
    int Attempts { get; }
}

/// <summary>What the worker needs to know of a queue besides its SQL.</summary>
/// <param name="Name">For logs ("Outbox", "E-mail").</param>
/// <param name="Channel">The <c>pg_notify</c> channel its writers signal after inserting a row.</param>
/// <param name="PollInterval">Fallback wake-up when no notification arrives (a missed NOTIFY, a retry that became due).</param>
/// <param name="MaxAttempts">After this many failures an item is given up (marked failed); unlimited by default.</param>
public sealed record QueueSettings(string Name, string Channel, TimeSpan PollInterval, int MaxAttempts = int.MaxValue);

/// <summary>What a failure says about the item and about the rest of the batch.</summary>
public enum QueueFailureKind
{
    /// <summary>The item waits in backoff; the batch goes on.</summary>
    Retry,

    /// <summary>The item waits in backoff and the batch stops: the failure says a dependency is away (a broker), sparing it the rest.</summary>
    RetryAndStopBatch,

    /// <summary>Retrying will not help (a mailbox that does not exist): the item is given up at once.</summary>
    Permanent,
}

/// <summary>A failed attempt, with the worker's backoff already applied.</summary>
/// <param name="Attempt">The attempt that failed (the item's new attempt count).</param>
/// <param name="NextAttemptAt">When it is due again (capped exponential <see cref="Backoff"/>).</param>
/// <param name="GivesUp">Permanent, or the last attempt allowed: record it as failed, not pending.</param>
public sealed record QueueFailure(Exception Error, int Attempt, DateTimeOffset NextAttemptAt, bool GivesUp)
{
    /// <summary>The error as a queue records it (its <c>last_error</c> column): the message, cut to a bounded length.</summary>
    public string ErrorText => Error.Message.Length <= 2000 ? Error.Message : Error.Message[..2000];
}

/// <summary>
/// A queue that <see cref="ClaimedQueueWorker{TItem}"/> runs: a table, a NOTIFY channel and a handler. The queue
/// writes the SQL (claim, record the outcome); the worker owns the loop, the wake-up, the schema wait, the backoff,
/// shutdown and the logging of failed passes.
/// </summary>
public interface IClaimedQueue<TItem>
    where TItem : IQueueItem
{
    QueueSettings Settings { get; }

    /// <summary>
    /// Claims due items so that no other worker takes them (<c>FOR UPDATE SKIP LOCKED</c> in a transaction the batch
    /// holds, or a lease written in a short one: <see cref="LeasedClaim"/>). Whatever the batch does not settle is claimable again once the
    /// claim ends (the transaction rolls back, the lease runs out).
    /// </summary>
    Task<IClaimedBatch<TItem>> ClaimAsync(CancellationToken cancellationToken);

    /// <summary>Sorts a failure of <see cref="IClaimedBatch{TItem}.ProcessAsync"/>; retried with backoff by default.</summary>
    QueueFailureKind Classify(Exception error) => QueueFailureKind.Retry;

    /// <summary>Housekeeping when the queue is drained, before the worker sleeps (e.g. deleting old sent rows).</summary>
    Task IdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Items claimed together, and whatever the claim holds (a transaction, an SMTP connection) until disposed.</summary>
public interface IClaimedBatch<TItem> : IAsyncDisposable
    where TItem : IQueueItem
{
    IReadOnlyList<TItem> Items { get; }

    /// <summary>Does the work for one item; throws when it failed.</summary>
    Task ProcessAsync(TItem item, CancellationToken cancellationToken);

    /// <summary>Records the item done (and counts it).</summary>
    Task CompleteAsync(TItem item, CancellationToken cancellationToken);

    /// <summary>Records the failed attempt: pending until <see cref="QueueFailure.NextAttemptAt"/>, or failed when it gives up.</summary>
    Task FailAsync(TItem item, QueueFailure failure, CancellationToken cancellationToken);

    /// <summary>Ends the batch: commits the claiming transaction when there is one.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
