namespace DoanKetSangTao.Data.Queues;

/// <summary>Capped exponential backoff for anything retried later (outbox publishes, e-mail deliveries, any claimed queue).</summary>
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
