using System.Text;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.Timeliness;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Danh sách đơn vị chưa báo cáo (the list of who has not reported) as officers file it: .xlsx on the platform's
/// spreadsheet writer (styled, Vietnamese intact, a total line), or CSV in UTF-8 with a BOM so Excel reads the diacritics.
/// </summary>
public static class MissingListSheet
{
    public static IResult Xlsx(TemplateDueDate due, IReadOnlyList<ExpectedUnit> missing, IReadOnlyDictionary<string, string> provinces, DateTimeOffset now)
    {
        var book = new SpreadsheetBook();
        var local = VietnamTime.ToLocal(now);
        var sheet = book.AddSheet("Chưa báo cáo")
            .Title("DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO")
            .Title($"{due.Title} – {ReportLevels.NameOf(due.Level)}, hạn nộp {TimelinessApi.DateText(due.DueOn)}", bold: false, italic: true)
            .Columns(
                new SpreadsheetColumn("STT", 6),
                new SpreadsheetColumn("Mã", 12),
                new SpreadsheetColumn("Đơn vị", 45),
                new SpreadsheetColumn("Tỉnh/thành phố", 30));
        var ordinal = 0;
        foreach (var unit in missing)
        {
            sheet.AddRow(SpreadsheetCell.Number(++ordinal), SpreadsheetCell.Text(unit.Code), SpreadsheetCell.Text(unit.Name),
                SpreadsheetCell.Text(ProvinceOf(unit, provinces)));
        }

        sheet.Footer($"Tổng số: {missing.Count} đơn vị chưa nộp báo cáo.", bold: true)
            .Footer($"Số liệu lúc {VietnamTime.FormatDateTime(now)}", italic: true);
        return SpreadsheetResults.Xlsx(book, $"Chua-bao-cao {due.Level} {TimelinessApi.DateText(due.DueOn).Replace('/', '-')} {local:yyyy-MM-dd}.xlsx");
    }

    public static IResult Csv(TemplateDueDate due, IReadOnlyList<ExpectedUnit> missing, IReadOnlyDictionary<string, string> provinces)
    {
        var text = new StringBuilder();
        text.Append(Row("STT", "Mã", "Đơn vị", "Tỉnh/thành phố", "Mã tổ chức"));
        var ordinal = 0;
        foreach (var unit in missing)
        {
            text.Append(Row((++ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Code, unit.Name,
                ProvinceOf(unit, provinces), unit.OrganizationId?.ToString() ?? string.Empty));
        }

        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"chua-bao-cao-{due.Level}-{due.DueOn:yyyy-MM-dd}.csv");
    }

    private static string ProvinceOf(ExpectedUnit unit, IReadOnlyDictionary<string, string> provinces)
    {
        var code = unit.ParentCode ?? unit.Code;
        return provinces.GetValueOrDefault(code) ?? code;
    }

    /// <summary>One CSV line: quoted when needed; a cell starting like a formula is prefixed so a spreadsheet shows it as text.</summary>
    private static string Row(params string[] cells) =>
        string.Join(',', cells.Select(c =>
        {
            var safe = c.Length > 0 && "=+-@".Contains(c[0]) ? "'" + c : c;
            return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{safe.Replace("\"", "\"\"")}\"" : safe;
        })) + "\r\n";
}
