namespace DoanKetSangTao.Reporting.API.Domain.Statistics;

/// <summary>One count the database summed: a measure for one period (when asked) and one or two breakdown keys.</summary>
public sealed record StatisticsCount(string? Period, string? Key1, string? Key2, string Measure, long N);

/// <summary>
/// A row of the table: its keys (the period when asked, then each breakdown dimension, in the order asked), the figures per
/// measure (zeros included), and with a comparison the other period's figures and the change (this period minus the other).
/// </summary>
public sealed record StatisticsRow(
    IReadOnlyDictionary<string, string?> Keys, IReadOnlyDictionary<string, long> Figures, IReadOnlyDictionary<string, long>? Compare,
    IReadOnlyDictionary<string, long>? Change);

/// <summary>Bảng thống kê: the rows in key order and the totals row (the sum of the rows, so the two always agree).</summary>
public static class StatisticsTable
{
    /// <summary>The key columns: "period" when the query breaks by period, then its breakdown dimensions.</summary>
    public static IReadOnlyList<string> KeyColumns(StatisticsQuery query) =>
        query.Period is null ? query.By : ["period", .. query.By];

    public static (IReadOnlyList<StatisticsRow> Rows, StatisticsRow Totals) Build(
        StatisticsQuery query, IReadOnlyList<StatisticsCount> current, IReadOnlyList<StatisticsCount>? compare)
    {
        var columns = KeyColumns(query);
        var now = Sum(current);
        var before = compare is null ? null : Sum(compare);
        var keys = now.Keys.Concat(before is null ? [] : before.Keys).Distinct()
            .OrderBy(k => k.Period, StringComparer.Ordinal).ThenBy(k => k.Key1, StringComparer.Ordinal).ThenBy(k => k.Key2, StringComparer.Ordinal)
            .ToList();
        var rows = keys.Select(k => Row(query, columns, k, now.GetValueOrDefault(k), before is null ? null : before.GetValueOrDefault(k) ?? [])).ToList();
        var totals = new StatisticsRow(
            columns.ToDictionary(c => c, _ => (string?)null),
            Total(query, rows.Select(r => r.Figures)),
            before is null ? null : Total(query, rows.Select(r => r.Compare!)),
            before is null ? null : Total(query, rows.Select(r => r.Change!)));
        return (rows, totals);
    }

    private static Dictionary<(string? Period, string? Key1, string? Key2), Dictionary<string, long>> Sum(IEnumerable<StatisticsCount> counts)
    {
        var byKey = new Dictionary<(string?, string?, string?), Dictionary<string, long>>();
        foreach (var c in counts.Where(c => c.N != 0))
        {
            var figures = byKey.TryGetValue((c.Period, c.Key1, c.Key2), out var f) ? f : byKey[(c.Period, c.Key1, c.Key2)] = [];
            figures[c.Measure] = figures.GetValueOrDefault(c.Measure) + c.N;
        }

        return byKey;
    }

    private static StatisticsRow Row(StatisticsQuery query, IReadOnlyList<string> columns, (string? Period, string? Key1, string? Key2) key,
        Dictionary<string, long>? now, Dictionary<string, long>? before)
    {
        var values = query.Period is null ? new[] { key.Key1, key.Key2 } : [key.Period, key.Key1, key.Key2];
        var keys = columns.Select((c, i) => (c, values[i])).ToDictionary(x => x.c, x => x.Item2);
        var figures = query.Measures.ToDictionary(m => m, m => now?.GetValueOrDefault(m) ?? 0);
        if (before is null)
        {
            return new StatisticsRow(keys, figures, null, null);
        }

        var earlier = query.Measures.ToDictionary(m => m, m => before.GetValueOrDefault(m));
        return new StatisticsRow(keys, figures, earlier, query.Measures.ToDictionary(m => m, m => figures[m] - earlier[m]));
    }

    private static Dictionary<string, long> Total(StatisticsQuery query, IEnumerable<IReadOnlyDictionary<string, long>> rows)
    {
        var list = rows.ToList();
        return query.Measures.ToDictionary(m => m, m => list.Sum(r => r[m]));
    }
}
