using System.Globalization;
using System.Text;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// A report's figures as a table to download: a title and lines under it (area, period), the header, rows whose cells are
/// text or whole numbers, and the totals row. <see cref="KeyColumns"/> is how many leading columns name the row.
/// </summary>
public sealed record ExportTable(string Title, IReadOnlyList<string> Lines, IReadOnlyList<string> Header, int KeyColumns,
    IReadOnlyList<object?[]> Rows, object?[] Totals);

/// <summary>
/// Tải số liệu (.xlsx, CSV) for every report: the sheet has the title, the lines, a styled header, the rows and a "Tổng cộng"
/// row; the CSV is UTF-8 with a BOM (so Excel reads Vietnamese correctly) with the header, the rows and the totals row.
/// </summary>
public static class TableExport
{
    public const string TotalLabel = "Tổng cộng";
    public const string FormatMessage = "Định dạng là json, xlsx (Excel) hoặc csv.";

    public static bool IsKnownFormat(string? format) => format is null or "json" or "xlsx" or "csv";

    /// <summary>The totals row's cells: "Tổng cộng" under the first key column, blank under the others, then the figures.</summary>
    public static object?[] Totals(int keyColumns, IEnumerable<long> figures) =>
        [TotalLabel, .. Enumerable.Repeat<object?>(null, keyColumns - 1), .. figures.Select(f => (object?)f)];

    /// <summary>The .xlsx download, named "<paramref name="baseName"/>-yyyy-MM-dd.xlsx" (ASCII, so no client mangles it).</summary>
    public static SpreadsheetFileResult Xlsx(ExportTable table, string baseName, DateTimeOffset now) =>
        SpreadsheetResults.Xlsx(Workbook(table, now), $"{baseName}-{VietnamTime.ToLocal(now):yyyy-MM-dd}.xlsx");

    /// <summary>The CSV download, named as <see cref="Xlsx"/> with ".csv".</summary>
    public static FileContentHttpResult CsvFile(ExportTable table, string baseName, DateTimeOffset now) =>
        TypedResults.File(Csv(table), "text/csv; charset=utf-8", $"{baseName}-{VietnamTime.ToLocal(now):yyyy-MM-dd}.csv");

    public static SpreadsheetBook Workbook(ExportTable table, DateTimeOffset now)
    {
        var book = new SpreadsheetBook();
        var sheet = book.AddSheet("Số liệu");
        sheet.Title(table.Title);
        foreach (var line in table.Lines)
        {
            sheet.Title(line, bold: false, italic: true);
        }

        sheet.Columns([.. table.Header.Select((h, i) => new SpreadsheetColumn(h, i < table.KeyColumns ? 22 : 16))]);
        foreach (var row in table.Rows.Append(table.Totals))
        {
            sheet.AddRow([.. row.Select(c => c is long n ? SpreadsheetCell.Number(n) : SpreadsheetCell.Text((string?)c))]);
        }

        sheet.Footer($"Lập ngày {VietnamTime.FormatDate(now)}", italic: true);
        return book;
    }

    public static byte[] Csv(ExportTable table)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', table.Header.Select(Quote))).Append("\r\n");
        foreach (var row in table.Rows.Append(table.Totals))
        {
            text.Append(string.Join(',', row.Select(c => c is long n ? n.ToString(CultureInfo.InvariantCulture) : Quote((string?)c ?? "")))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString().Normalize(NormalizationForm.FormC))];
    }

    /// <summary>A CSV field, quoted when it holds a separator, a quote or a line break; a leading formula sign is neutralised.</summary>
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) < 0 ? safe : "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
