using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DoanKetSangTao.Data;

/// <summary>
/// Wakes a background worker when a transaction commits a <c>pg_notify(channel)</c>, on any replica,
/// so work starts within milliseconds without polling the table in a tight loop. The worker still
/// polls at a slow pace as a fallback: a notification sent while the listener reconnects is lost.
/// </summary>
public sealed class DatabaseSignal(NpgsqlDataSource dataSource, string channel, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Listens until cancelled, reconnecting when the connection drops.</summary>
    public async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Release();
                await connection.ExecuteAsync($"LISTEN {channel}");
                Release(); // catch up on anything committed while not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "LISTEN {Channel} connection lost; reconnecting", channel);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Waits for a notification or the poll interval, whichever comes first. False when cancelled.</summary>
    public async Task<bool> WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        try
        {
            await wake.WaitAsync(pollInterval, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Release()
    {
        // One pending wake-up is enough: the worker drains everything due when it runs.
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    public void Dispose() => wake.Dispose();
}
