using System.Globalization;
using System.Text;
using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// One case on the results sheet. <paramref name="Aggregate"/> is null where the caller may not see the scores yet (an
/// overseeing officer, before the decision); <paramref name="Quorum"/> counts the sheets that count.
/// </summary>
public sealed record CaseResult(CaseRow Case, CaseAggregate? Aggregate, QuorumStatus Quorum);

/// <summary>
/// Bảng tổng hợp kết quả thẩm định: a sheet of the cases with a result (decided, or rejected at screening), ranked, and
/// a sheet of those still before the council. Every table has four title lines, a blank row, then its header on row 6;
/// the per-criterion columns start at D, so the total is always in the column after the last criterion.
/// </summary>
public static class CouncilResultsSheet
{
    public const string ResultsSheetName = "Kết quả thẩm định";
    public const string PendingSheetName = "Đang thẩm định";

    public static SpreadsheetBook Build(CouncilState council, IReadOnlyList<CaseResult> cases, bool provisionalShown, string preparedBy, DateTimeOffset now)
    {
        var rubric = council.Scheme.Rubric;
        var book = new SpreadsheetBook();

        var done = cases.Where(c => c.Case.State is CaseState.Decided or CaseState.Rejected)
            .OrderBy(c => c.Case.State == CaseState.Decided ? 0 : 1)
            .ThenByDescending(c => TotalOf(c) ?? -1m)
            .ThenBy(c => c.Case.Title, StringComparer.Create(VietnameseText.Culture, false))
            .ToList();
        var results = book.AddSheet(ResultsSheetName);
        CouncilSheetParts.Heading(results, council, "BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH SÁNG KIẾN, Ý TƯỞNG MỚI",
            "Điểm từng tiêu chí là điểm trung bình các phiếu đã nộp của thành viên được phân công; tổng điểm là tổng điểm đã nhân hệ số.");
        results.Columns([.. ScoreColumns(rubric, "Tổng điểm", "Xếp loại"),
            new SpreadsheetColumn("Kết quả", 40),
            new SpreadsheetColumn("Số quyết định", 16),
            new SpreadsheetColumn("Ngày quyết định", 14),
            new SpreadsheetColumn("Đề cử lên cấp trên", 12)]);
        for (var i = 0; i < done.Count; i++)
        {
            var r = done[i].Case;
            results.AddRow([.. ScoreCells(i + 1, done[i], rubric, TotalOf(done[i]), r.Grade ?? done[i].Aggregate?.Band?.Name),
                SpreadsheetCell.Text(Outcome(r)),
                SpreadsheetCell.Text(r.DecisionNumber),
                r.DecisionDate is { } date ? SpreadsheetCell.Date(DateOnly.FromDateTime(date)) : SpreadsheetCell.Empty,
                SpreadsheetCell.Text(council.Level.Above() is null ? null : r.NominatedToCaseId is null ? "Không" : "Có")]);
        }

        var recognized = done.Count(c => c.Case is { State: CaseState.Decided, Recognized: true });
        var rejected = done.Count(c => c.Case.State == CaseState.Rejected);
        CouncilSheetParts.Signed(results,
            $"Tổng số: {done.Count} hồ sơ có kết quả (công nhận: {recognized}; không công nhận: {done.Count - recognized - rejected}; bị loại: {rejected}).",
            preparedBy, now);

        var pending = cases.Where(c => c.Case.State is not (CaseState.Decided or CaseState.Rejected)).ToList();
        var open = book.AddSheet(PendingSheetName);
        CouncilSheetParts.Heading(open, council, "DANH SÁCH HỒ SƠ ĐANG THẨM ĐỊNH (CHƯA CÓ KẾT QUẢ)", provisionalShown
            ? "Điểm và xếp loại là tạm tính từ các phiếu đã nộp đến thời điểm lập bảng; phiếu chưa nộp không được tính."
            : "Điểm của hồ sơ chưa có quyết định chỉ Thư ký, Chủ tịch hội đồng được xem; cán bộ phụ trách xem sau khi hội đồng ra quyết định.");
        open.Columns([.. ScoreColumns(rubric, "Tổng điểm (tạm tính)", "Xếp loại (tạm tính)"), new SpreadsheetColumn("Trạng thái", 20)]);
        for (var i = 0; i < pending.Count; i++)
        {
            var aggregate = pending[i].Aggregate;
            open.AddRow([.. ScoreCells(i + 1, pending[i], rubric, aggregate?.Mean, aggregate?.Band?.Name),
                SpreadsheetCell.Text(CaseState.NameOf(pending[i].Case.State))]);
        }

        CouncilSheetParts.Signed(open, $"Tổng số: {pending.Count} hồ sơ chưa có kết quả.", preparedBy, now);
        return book;
    }

    /// <summary>"ket-qua-tham-dinh-hoi-dong-tham-dinh-tinh-quang-tri-2026-11-20.xlsx": ASCII, so no client mangles it.</summary>
    public static string FileName(CouncilState council, DateTimeOffset now) =>
        CouncilSheetParts.FileName(now, "ket-qua-tham-dinh", council.Row.Name);

    /// <summary>The decision's recorded total once decided (the published figure), else the mean of the sheets that count.</summary>
    private static decimal? TotalOf(CaseResult c) => c.Case.AggregateTotal ?? c.Aggregate?.Mean;

    /// <summary>Columns both sheets share: STT, title, area, one per criterion, total, spread, flag, sheets submitted, grade.</summary>
    private static IEnumerable<SpreadsheetColumn> ScoreColumns(Rubric rubric, string total, string grade) =>
    [
        new SpreadsheetColumn("STT", 6),
        new SpreadsheetColumn("Tên sáng kiến, ý tưởng mới", 45),
        new SpreadsheetColumn("Địa bàn (mã tỉnh/mã xã)", 16),
        .. CouncilSheetParts.CriterionColumns(rubric),
        new SpreadsheetColumn(total, 12),
        new SpreadsheetColumn("Độ chênh lệch", 12),
        new SpreadsheetColumn("Chênh lệch lớn", 12),
        new SpreadsheetColumn("Phiếu đã nộp", 10),
        new SpreadsheetColumn(grade, 14),
    ];

    private static IEnumerable<SpreadsheetCell> ScoreCells(int ordinal, CaseResult c, Rubric rubric, decimal? total, string? grade)
    {
        var a = c.Aggregate is { SubmittedCount: > 0 } shown ? shown : null;
        return
        [
            SpreadsheetCell.Number(ordinal),
            SpreadsheetCell.Text(c.Case.Title),
            SpreadsheetCell.Text($"{c.Case.ProvinceCode}/{c.Case.CommuneCode}"),
            .. rubric.Criteria.Select(k => CouncilSheetParts.Points(a?.Criteria.FirstOrDefault(x => x.CriterionCode == k.Code)?.Mean)),
            CouncilSheetParts.Points(total),
            CouncilSheetParts.Points(a?.Spread),
            SpreadsheetCell.Text(a is null ? null : a.IsLargeDisagreement ? "Có" : "Không"),
            // Text, not a number: "3/5" typed as a number would become a date.
            SpreadsheetCell.Text(c.Case.State == CaseState.Rejected ? null : $"{c.Quorum.Submitted}/{c.Quorum.Eligible}"),
            SpreadsheetCell.Text(grade),
        ];
    }

    private static string? Outcome(CaseRow r) => r switch
    {
        { State: CaseState.Rejected } => GroundOf(r.Screening) is { } ground ? $"Bị loại: {ScreeningGrounds.NameOf(ground)}" : "Bị loại",
        { State: CaseState.Decided, Recognized: true } => "Công nhận",
        { State: CaseState.Decided } => "Không công nhận",
        _ => null,
    };

    /// <summary>The rejection ground the secretary chose, kept in the screening record.</summary>
    private static string? GroundOf(string? screening)
    {
        if (screening is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(screening);
        return json.RootElement.TryGetProperty("ground", out var ground) && ground.ValueKind == JsonValueKind.String ? ground.GetString() : null;
    }
}

/// <summary>What the council's sheets share: the heading, the criterion columns, the signature block and the file name.</summary>
internal static class CouncilSheetParts
{
    /// <summary>Four title lines, so every table's header is on row 6.</summary>
    public static void Heading(SpreadsheetSheet sheet, CouncilState council, string heading, string note) =>
        sheet.Title(council.Row.Name.ToUpper(VietnameseText.Culture))
            .Title(heading)
            .Title($"(Thành lập theo Quyết định số {council.Row.DecisionNumber} ngày {council.Row.DecisionDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)})", bold: false, italic: true)
            .Title(note, bold: false, italic: true);

    /// <summary>"Tính mới (tối đa 30)", with the weight when it is not 1: "Tính mới (tối đa 7,5; hệ số 2)".</summary>
    public static IEnumerable<SpreadsheetColumn> CriterionColumns(Rubric rubric) =>
        rubric.Criteria.Select(c => new SpreadsheetColumn(
            $"{c.Name} (tối đa {Format(c.MaxPoints)}{(c.Weight == 1m ? string.Empty : $"; hệ số {Format(c.Weight)}")})", 14) { Wrap = true });

    public static SpreadsheetCell Points(decimal? value) =>
        value is { } v ? SpreadsheetCell.Number(v, ScoreAggregation.Decimals) : SpreadsheetCell.Empty;

    public static void Signed(SpreadsheetSheet sheet, string summary, string preparedBy, DateTimeOffset now)
    {
        var local = VietnamTime.ToLocal(now);
        sheet.Footer(summary)
            .Footer($"Ngày {local.Day:00} tháng {local.Month:00} năm {local.Year}", italic: true)
            .Footer($"Người lập: {preparedBy}", bold: true);
    }

    /// <summary>Words folded to ASCII and joined by hyphens, then the Vietnam date: mail gateways and old clients keep it whole.</summary>
    public static string FileName(DateTimeOffset now, params string[] words)
    {
        var builder = new StringBuilder();
        foreach (var c in VietnameseText.Fold(string.Join(' ', words)))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return $"{builder.ToString().TrimEnd('-')}-{VietnamTime.ToLocal(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";
    }

    private static string Format(decimal value) => value.ToString("0.##", VietnameseText.Culture);
}
