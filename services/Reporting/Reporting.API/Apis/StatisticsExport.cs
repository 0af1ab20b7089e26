using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Reporting.API.Domain.Statistics;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>Tải số liệu thống kê (.xlsx, CSV): the same rows and totals as the JSON answer, laid out by <see cref="TableExport"/>.</summary>
public static class StatisticsExport
{
    public const string UnknownKey = "(không xác định)";

    public static ExportTable Table(StatisticsQuery query, IReadOnlyList<StatisticsRow> rows, StatisticsRow totals)
    {
        var keys = StatisticsTable.KeyColumns(query);
        return new ExportTable("THỐNG KÊ SÁNG KIẾN, Ý TƯỞNG MỚI", [AreaLine(query), PeriodLine(query)], Header(query), keys.Count,
            [.. rows.Select(r => (object?[])[.. keys.Select(k => (object?)KeyText(k, r.Keys[k])), .. Figures(query, r)])],
            TableExport.Totals(keys.Count, Figures(query, totals).Cast<long>()));
    }

    /// <summary>"thong-ke-sang-kien-01" (toan-quoc for the nation).</summary>
    public static string BaseName(StatisticsQuery query) => $"thong-ke-sang-kien-{query.Area ?? "toan-quoc"}";

    /// <summary>The key columns' Vietnamese names, then per measure its figure (with a comparison: this period, the other, the change).</summary>
    public static IReadOnlyList<string> Header(StatisticsQuery query) =>
    [
        .. StatisticsTable.KeyColumns(query).Select(StatisticsDimensions.NameOf),
        .. query.Measures.SelectMany(m => query.Compare is null
            ? [StatisticsMeasures.NameOf(m)]
            : new[] { $"{StatisticsMeasures.NameOf(m)} (kỳ này)", $"{StatisticsMeasures.NameOf(m)} (kỳ so sánh)", $"{StatisticsMeasures.NameOf(m)} (tăng/giảm)" }),
    ];

    private static IEnumerable<object?> Figures(StatisticsQuery query, StatisticsRow row)
    {
        foreach (var m in query.Measures)
        {
            yield return row.Figures[m];
            if (row.Compare is not null)
            {
                yield return row.Compare[m];
                yield return row.Change![m];
            }
        }
    }

    private static string KeyText(string column, string? key) => key is null ? UnknownKey : column switch
    {
        "period" => StatisticsPeriods.NameOf(key),
        "status" => InitiativeStatuses.All.FirstOrDefault(s => s.Code == key).Name ?? key,
        _ => key,
    };

    private static string AreaLine(StatisticsQuery query) =>
        (query.Area is null ? "Toàn quốc, theo tỉnh/thành phố" : query.Area.Length == 2 ? $"Tỉnh/thành phố mã {query.Area}, theo xã/phường" : $"Xã/phường mã {query.Area}")
        + (query.Structure == StatisticsStructure.Units2025 ? " (quy về đơn vị hành chính 2025)" : " (theo đơn vị tại thời điểm đăng ký)");

    private static string PeriodLine(StatisticsQuery query)
    {
        var line = query.Range.From == StatisticsQuery.Earliest && query.Range.To == StatisticsQuery.Latest
            ? "Toàn bộ thời gian"
            : $"Từ ngày {query.Range.From:dd/MM/yyyy} đến ngày {query.Range.To:dd/MM/yyyy}";
        return query.Compare is { } c ? $"{line}; so sánh với kỳ từ ngày {c.From:dd/MM/yyyy} đến ngày {c.To:dd/MM/yyyy}" : line;
    }
}
