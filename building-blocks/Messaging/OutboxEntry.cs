namespace DoanKetSangTao.Messaging;

/// <summary>Capped exponential backoff for anything retried later (outbox publishes, e-mail deliveries).</summary>
public static class Backoff
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Delay before the next attempt after <paramref name="failedAttempts"/> failures: 1 s, 2 s, 4 s … capped at 5 minutes.</summary>
    public static TimeSpan After(int failedAttempts)
    {
        if (failedAttempts <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Pow(2, Math.Min(failedAttempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }
}

/// <summary>The life of one outbox row, as plain rules: pending until published once, retried with <see cref="Backoff"/>.</summary>
public sealed record OutboxEntry(Guid Id, string MessageType, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError)
{
    public bool IsPending => SentAt is null;

    public bool IsDue(DateTimeOffset now) => IsPending && NextAttemptAt <= now;

    public OutboxEntry MarkSent(DateTimeOffset now) =>
        IsPending ? this with { SentAt = now, LastError = null } : throw new InvalidOperationException("An outbox message is sent once.");

    public OutboxEntry MarkFailed(DateTimeOffset now, string error) => IsPending
        ? this with { Attempts = Attempts + 1, NextAttemptAt = now + Backoff.After(Attempts + 1), LastError = error }
        : throw new InvalidOperationException("A sent outbox message cannot fail afterwards.");
}
