using DoanKetSangTao.Data;

namespace DoanKetSangTao.Reporting.API.Workers;

public sealed class ReportDeadlineOptions
{
    /// <summary>How often the announcer looks for a reminder step that has come (steps fall at 08:00, Vietnam time).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Runs <see cref="ReportDeadlineAnnouncer"/> every poll interval; every replica may run it (the ledger keeps each step to once).</summary>
public sealed class ReportDeadlineWorker(ReportDeadlineAnnouncer announcer, DatabaseSchema schema, Microsoft.Extensions.Options.IOptions<ReportDeadlineOptions> options,
    TimeProvider clock, ILogger<ReportDeadlineWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its tables come with the migrations run at start-up.
        await schema.WhenReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await announcer.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The schema may not be migrated yet, or the database away: the next pass tries again.
                logger.LogWarning(e, "Report deadline pass failed");
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
