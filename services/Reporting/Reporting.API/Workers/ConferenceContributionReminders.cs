using DoanKetSangTao.Reporting.API.Infrastructure;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Reporting.API.Workers;

public sealed class ConferenceReminderOptions
{
    public const string Section = "ConferenceReminders";

    /// <summary>How often the worker looks for contributions whose D-3 or D-1 day has come (a new assignment wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Wakes the reminder worker now: a contribution assigned two days before its due day is reminded at once, not at the next poll.</summary>
public sealed class ConferenceReminderSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>
/// Nhắc hạn tham luận (D-3, D-1): for each contribution of a planned conference with no file yet, publishes
/// <c>ConferenceContributionDueSoon</c> once per step; the step's row and the event are written in one transaction, so
/// a restart or a second replica never sends it twice (<see cref="ConferenceReminderStore"/>).
/// </summary>
public sealed class ConferenceContributionReminders(
    ConferenceReminderStore store, ConferenceReminderSignal signal, IOptions<ConferenceReminderOptions> options, TimeProvider clock,
    ILogger<ConferenceContributionReminders> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await store.SendDueAsync(clock.GetUtcNow(), stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Conference contribution reminders: {Sent} sent", sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away: the next round tries again; the ledger keeps what went out.
                logger.LogWarning(e, "Conference contribution reminders failed; retrying at the next round");
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
