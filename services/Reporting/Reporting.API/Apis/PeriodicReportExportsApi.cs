using System.Globalization;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Tải báo cáo: any report the caller may read (compiled or not) as .xlsx (figures by kind and by field, each with a totals
/// row; the units compiled) and as .docx in the Front's usual layout.
/// </summary>
public static class PeriodicReportExportsApi
{
    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/export/xlsx", ExportXlsx);
        api.MapGet("/{id:guid}/export/docx", ExportDocx);
    }

    public static async Task<IResult> ExportXlsx(Guid id, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (report, template, refusal) = await PeriodicReportsApi.ReadableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var heading = await HeadingAsync(report!, template!, context, ct);
        return SpreadsheetResults.Xlsx(PeriodicReportSheet.Build(report!, template!, heading.Issuer), $"{FileName(report!, template!)}.xlsx");
    }

    public static async Task<IResult> ExportDocx(Guid id, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (report, template, refusal) = await PeriodicReportsApi.ReadableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var heading = await HeadingAsync(report!, template!, context, ct);
        var local = VietnamTime.ToLocal(report!.SubmittedAt ?? context.Now());
        var document = PeriodicReportDocument.Build(report, template!, heading.Parent, heading.Issuer,
            $"{heading.Place}, ngày {local.Day:00} tháng {local.Month:00} năm {local.Year}");
        return Results.File(ReportDocumentWriter.Write(document), ReportDocumentWriter.ContentType, $"{FileName(report, template!)}.docx");
    }

    /// <summary>"ỦY BAN MTTQ VIỆT NAM" and the unit's name in capitals, and the place the report is dated at.</summary>
    private static async Task<(string Parent, string Issuer, string Place)> HeadingAsync(PeriodicReport report, ReportTemplate template, PeriodicReportContext context, CancellationToken ct)
    {
        var on = template.PeriodTo;
        var provinceName = report.ProvinceCode is { } p ? await context.Reports.UnitNameAsync(ReportLevels.Province, p, on, ct) : null;
        var province = provinceName ?? (report.ProvinceCode is null ? "Hà Nội" : $"tỉnh/thành phố mã {report.ProvinceCode}");
        return report.Level switch
        {
            ReportLevels.Central => ("ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM", "Hà Nội"),
            ReportLevels.Province => ("ỦY BAN MTTQ VIỆT NAM", Upper(province), province),
            ReportLevels.Commune => ($"ỦY BAN MTTQ VIỆT NAM {Upper(province)}",
                Upper(await context.Reports.UnitNameAsync(ReportLevels.Commune, report.UnitCode, on, ct) ?? $"xã/phường mã {report.UnitCode}"), province),
            _ => (Upper(report.OrganizationName ?? "Tổ chức thành viên"), Upper(province), province),
        };
    }

    private static string Upper(string text) => text.ToUpper(VietnameseText.Culture);

    private static string FileName(PeriodicReport report, ReportTemplate template) =>
        $"Bao-cao {template.Kind} {report.Level} {report.UnitCode} {template.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>The report's figures as officers keep them in Excel: one sheet by kind, one by field, each with a totals row; the units compiled.</summary>
public static class PeriodicReportSheet
{
    public static SpreadsheetBook Build(PeriodicReport report, ReportTemplate template, string issuer)
    {
        var book = new SpreadsheetBook();
        AddFigures(book, "Theo loại", "Loại sáng kiến", report, template, issuer, report.Figures.ByKind, ReportDimensionNames.Kind);
        AddFigures(book, "Theo lĩnh vực", "Lĩnh vực", report, template, issuer, report.Figures.ByField, ReportDimensionNames.Field);
        if (report.Compilation is { } compilation)
        {
            var units = book.AddSheet("Đơn vị tổng hợp");
            units.Title(issuer).Title($"ĐƠN VỊ TRONG BÁO CÁO TỔNG HỢP: {template.Title}")
                .Columns(new SpreadsheetColumn("STT", 6), new SpreadsheetColumn("Cấp", 18), new SpreadsheetColumn("Mã", 10),
                    new SpreadsheetColumn("Đơn vị", 40), new SpreadsheetColumn("Trạng thái", 22), new SpreadsheetColumn("Cộng vào số liệu", 16));
            var i = 0;
            foreach (var u in compilation.Included)
            {
                units.AddRow(++i, ReportLevels.NameOf(u.Level), u.UnitCode, u.OrganizationName ?? u.UnitName, ReportStatuses.NameOf(ReportStatuses.Accepted), u.FiguresSummed ? "Có" : "Không");
            }

            foreach (var u in compilation.NotYetAccepted)
            {
                units.AddRow(++i, ReportLevels.NameOf(u.Level), u.UnitCode, u.OrganizationName ?? u.UnitName, ReportStatuses.NameOf(u.Status), "Không");
            }
        }

        return book;
    }

    private static void AddFigures(SpreadsheetBook book, string sheetName, string dimension, PeriodicReport report, ReportTemplate template, string issuer,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> groups, Func<string, string> name)
    {
        var sheet = book.AddSheet(sheetName);
        var columns = new List<SpreadsheetColumn> { new("STT", 6), new(dimension, 32) };
        columns.AddRange(ReportMeasures.All.Select(m => new SpreadsheetColumn(m.Name, 14)));
        sheet.Title(issuer)
            .Title(template.Title.ToUpper(VietnameseText.Culture))
            .Title($"Kỳ báo cáo từ {template.PeriodFrom:dd/MM/yyyy} đến {template.PeriodTo:dd/MM/yyyy}", bold: false, italic: true)
            .Columns([.. columns]);
        var i = 0;
        foreach (var (code, measures) in groups)
        {
            var cells = new List<SpreadsheetCell> { SpreadsheetCell.Number(++i), SpreadsheetCell.Text(name(code)) };
            // Models built are a single number the unit enters, not split by kind or field: blank here, in the totals row.
            cells.AddRange(ReportMeasures.All.Select(m => m.Code == ReportMeasures.ModelsBuilt ? SpreadsheetCell.Empty : SpreadsheetCell.Number(measures.GetValueOrDefault(m.Code))));
            sheet.AddRow([.. cells]);
        }

        var totals = new List<SpreadsheetCell> { SpreadsheetCell.Empty, SpreadsheetCell.Text("Tổng cộng") };
        totals.AddRange(ReportMeasures.All.Select(m => SpreadsheetCell.Number(report.Figures.TotalOf(m.Code))));
        sheet.AddRow([.. totals]);
        sheet.Footer($"Trạng thái: {ReportStatuses.NameOf(report.Status)}", italic: true);
    }
}
