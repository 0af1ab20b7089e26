using System.Globalization;
using System.Text;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.Statistics;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Tải số liệu thống kê (.xlsx, CSV): the same rows and totals as the JSON answer. The sheet has a title, the area and the
/// period, a styled header, one row per key and a "Tổng cộng" row; the CSV is UTF-8 with a BOM (so Excel reads Vietnamese
/// correctly), the header, the rows and the totals row.
/// </summary>
public static class StatisticsExport
{
    public const string TotalLabel = "Tổng cộng";
    public const string UnknownKey = "(không xác định)";

    public static SpreadsheetBook Workbook(StatisticsQuery query, IReadOnlyList<StatisticsRow> rows, StatisticsRow totals, DateTimeOffset now)
    {
        var book = new SpreadsheetBook();
        var sheet = book.AddSheet("Thống kê");
        sheet.Title("THỐNG KÊ SÁNG KIẾN, Ý TƯỞNG MỚI");
        sheet.Title(AreaLine(query), bold: false);
        sheet.Title(PeriodLine(query), bold: false, italic: true);
        var header = Header(query);
        sheet.Columns([.. header.Select((h, i) => new SpreadsheetColumn(h, i < StatisticsTable.KeyColumns(query).Count ? 22 : 16))]);
        foreach (var row in rows.Append(totals))
        {
            sheet.AddRow([.. Cells(query, row, ReferenceEquals(row, totals)).Select(c => c is long n ? SpreadsheetCell.Number(n) : SpreadsheetCell.Text((string?)c))]);
        }

        sheet.Footer($"Lập ngày {VietnamTime.FormatDate(now)}", italic: true);
        return book;
    }

    public static byte[] Csv(StatisticsQuery query, IReadOnlyList<StatisticsRow> rows, StatisticsRow totals)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Header(query).Select(Quote))).Append("\r\n");
        foreach (var row in rows.Append(totals))
        {
            text.Append(string.Join(',', Cells(query, row, ReferenceEquals(row, totals))
                .Select(c => c is long n ? n.ToString(CultureInfo.InvariantCulture) : Quote((string?)c ?? "")))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString().Normalize(NormalizationForm.FormC))];
    }

    /// <summary>"thong-ke-sang-kien-01-2026-12-07.csv": ASCII, so no client mangles it.</summary>
    public static string FileName(StatisticsQuery query, string extension, DateTimeOffset now) =>
        $"thong-ke-sang-kien-{query.Area ?? "toan-quoc"}-{VietnamTime.ToLocal(now):yyyy-MM-dd}.{extension}";

    /// <summary>The key columns' Vietnamese names, then per measure its figure (with a comparison: this period, the other, the change).</summary>
    public static IReadOnlyList<string> Header(StatisticsQuery query) =>
    [
        .. StatisticsTable.KeyColumns(query).Select(StatisticsDimensions.NameOf),
        .. query.Measures.SelectMany(m => query.Compare is null
            ? [StatisticsMeasures.NameOf(m)]
            : new[] { $"{StatisticsMeasures.NameOf(m)} (kỳ này)", $"{StatisticsMeasures.NameOf(m)} (kỳ so sánh)", $"{StatisticsMeasures.NameOf(m)} (tăng/giảm)" }),
    ];

    private static IEnumerable<object?> Cells(StatisticsQuery query, StatisticsRow row, bool total)
    {
        var keys = StatisticsTable.KeyColumns(query);
        for (var i = 0; i < keys.Count; i++)
        {
            yield return total ? (i == 0 ? TotalLabel : null) : KeyText(keys[i], row.Keys[keys[i]]);
        }

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

    /// <summary>A CSV field, quoted when it holds a separator, a quote or a line break; a leading formula sign is neutralised.</summary>
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) < 0 ? safe : "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
