using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>
/// Dựng lại số liệu (rebuild-read-models): empties reporting's read models and applies the event history again, in the order it
/// was first applied, through the same <see cref="ReadModelProjector"/> as the consumers, so the figures come out the same. One
/// transaction: readers see the old figures until it commits, and consumers wait, then apply their events on top.
/// </summary>
public sealed class ReadModelRebuild(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector)
{
    public const int PageSize = 2_000;

    /// <summary>Rebuilds and answers how many events were applied, writing progress to <paramref name="progress"/>.</summary>
    public async Task<long> RunAsync(TextWriter progress, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(ct);
        await history.ResetReadModelsAsync(session, ct);
        var total = await history.CountAsync(session, ct);
        await progress.WriteLineAsync($"Dựng lại số liệu báo cáo từ {total} sự kiện đã lưu (rebuilding from {total} events)…");
        long applied = 0, last = 0;
        while (true)
        {
            var page = await history.PageAsync(session, last, PageSize, ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var (seq, message) in page)
            {
                await projector.ApplyAsync(message, session, ct);
                last = seq;
            }

            applied += page.Count;
            await progress.WriteLineAsync($"  {applied}/{total} sự kiện ({(total == 0 ? 100 : applied * 100 / total)}%)");
        }

        await session.CommitAsync(ct);
        await progress.WriteLineAsync($"Đã dựng lại xong: {applied} sự kiện (done).");
        return applied;
    }
}
