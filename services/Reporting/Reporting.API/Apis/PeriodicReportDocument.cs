using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// A report as the Front writes one (the seeds' layout): "Số: …/BC-MTTQ", the title "BÁO CÁO", Part I the figures (totals,
/// by kind), Part II the narrative sections with what each unit below said, Part III the units compiled, the signature.
/// </summary>
public static class PeriodicReportDocument
{
    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    public static ReportDocument Build(PeriodicReport report, ReportTemplate template, string parent, string issuer, string placeAndDate)
    {
        var blocks = new List<DocumentBlock>();
        var part = 0;
        blocks.Add(new DocumentBlock($"{Roman[part++]}. SỐ LIỆU KẾT QUẢ THỰC HIỆN PHONG TRÀO", [],
            new DocumentTable(["STT", "Chỉ tiêu", "Số lượng"],
                ReportMeasures.All.Select((m, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), m.Name, Count(report.Figures.TotalOf(m.Code))]).ToList())));
        if (report.Figures.ByKind.Count > 0)
        {
            var shown = new[] { ReportMeasures.Registered, ReportMeasures.Confirmed, ReportMeasures.RecognizedCommune, ReportMeasures.RecognizedProvince, ReportMeasures.RecognizedCentral, ReportMeasures.Commended };
            var rows = report.Figures.ByKind.Select(k => (IReadOnlyList<string>)[ReportDimensionNames.Kind(k.Key), .. shown.Select(m => Count(k.Value.GetValueOrDefault(m)))]).ToList();
            rows.Add(["Tổng cộng", .. shown.Select(m => Count(report.Figures.TotalOf(m)))]);
            blocks.Add(new DocumentBlock("Số liệu theo loại sáng kiến", [], new DocumentTable(["Loại", .. shown.Select(ReportMeasures.NameOf)], rows, LastRowBold: true)));
        }

        blocks.Add(new DocumentBlock($"{Roman[part++]}. KẾT QUẢ THỰC HIỆN", []));
        var n = 0;
        foreach (var (code, heading) in ReportNarrative.Sections)
        {
            var section = report.Narrative.GetValueOrDefault(code) ?? new NarrativeSection(string.Empty, []);
            var paragraphs = new List<string>();
            if (section.Text.Length > 0)
            {
                paragraphs.Add(section.Text);
            }

            paragraphs.AddRange(section.Sources.Select(s => $"- {Source(s, report.Compilation)}: {s.Text}"));
            blocks.Add(new DocumentBlock($"{++n}. {heading}", paragraphs.Count == 0 ? ["(Không có nội dung.)"] : paragraphs));
        }

        if (report.Compilation is { } compilation)
        {
            blocks.Add(new DocumentBlock($"{Roman[part++]}. ĐƠN VỊ TRONG BÁO CÁO TỔNG HỢP",
            [
                "Đã tổng hợp: " + (compilation.Included.Count == 0 ? "chưa có đơn vị nào." : string.Join("; ", compilation.Included.Select(u => u.OrganizationName ?? u.UnitName ?? u.UnitCode)) + "."),
                "Chưa được tiếp nhận: " + (compilation.NotYetAccepted.Count == 0 ? "không có." : string.Join("; ", compilation.NotYetAccepted.Select(u => $"{u.OrganizationName ?? u.UnitName ?? u.UnitCode} ({ReportStatuses.NameOf(u.Status)})")) + "."),
            ]));
        }

        return new ReportDocument(parent, issuer, "Số: …/BC-MTTQ", placeAndDate, "BÁO CÁO",
            $"{template.Title} (từ {template.PeriodFrom:dd/MM/yyyy} đến {template.PeriodTo:dd/MM/yyyy})", blocks, "TM. BAN THƯỜNG TRỰC");
    }

    private static string Count(long value) => value.ToString("N0", DoanKetSangTao.Domain.VietnameseText.Culture);

    private static string Source(NarrativeSource s, ReportCompilation? compilation) =>
        s.OrganizationName ?? compilation?.Included.FirstOrDefault(u => u.ReportId == s.ReportId)?.UnitName ?? $"{ReportLevels.NameOf(s.Level)} {s.UnitCode}";
}
