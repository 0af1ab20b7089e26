using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// One case assigned to the member: their sheet if any, whether the viewer may see it (<see cref="ScoreVisibility"/>),
/// and whether the member has a conflict of interest with the case (their sheet then does not count).
/// </summary>
public sealed record ScoringLine(CaseRow Case, ScoreSheet? Sheet, bool Visible, bool MemberConflicted);

/// <summary>
/// Phiếu chấm điểm of one member: a row per case assigned to them with their points per criterion, total, whether the
/// sheet is submitted, and their comments. Same layout as the results sheet: header on row 6, criteria from column D.
/// </summary>
public static class MemberScoringSheet
{
    public const string SheetName = "Phiếu chấm điểm";

    public const string Submitted = "Đã nộp";
    public const string Draft = "Chưa nộp";
    public const string NotScored = "Chưa chấm";

    public static SpreadsheetBook Build(CouncilState council, MemberRow member, IReadOnlyList<ScoringLine> lines, string preparedBy, DateTimeOffset now)
    {
        var rubric = council.Scheme.Rubric;
        var book = new SpreadsheetBook();
        var sheet = book.AddSheet(SheetName);
        CouncilSheetParts.Heading(sheet, council, "PHIẾU CHẤM ĐIỂM SÁNG KIẾN, Ý TƯỞNG MỚI",
            $"Thành viên: {member.FullName} – {CouncilCodes.Role(member.Role).VietnameseName()}. Phiếu \"{Draft}\" không được tính vào kết quả của hội đồng.");
        sheet.Columns([
            new SpreadsheetColumn("STT", 6),
            new SpreadsheetColumn("Tên sáng kiến, ý tưởng mới", 45),
            new SpreadsheetColumn("Trạng thái hồ sơ", 18),
            .. CouncilSheetParts.CriterionColumns(rubric),
            new SpreadsheetColumn("Tổng điểm", 12),
            new SpreadsheetColumn("Tình trạng phiếu", 22),
            new SpreadsheetColumn("Thời điểm nộp", 17),
            new SpreadsheetColumn("Nhận xét", 60)]);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var shown = line.Visible ? line.Sheet : null;
            sheet.AddRow([
                SpreadsheetCell.Number(i + 1),
                SpreadsheetCell.Text(line.Case.Title),
                SpreadsheetCell.Text(CaseState.NameOf(line.Case.State)),
                .. rubric.Criteria.Select(c => CouncilSheetParts.Points(shown?.PointsFor(c.Code))),
                CouncilSheetParts.Points(shown?.Total(rubric)),
                SpreadsheetCell.Text(StatusOf(line)),
                shown?.SubmittedAt is { } at ? SpreadsheetCell.DateTime(at) : SpreadsheetCell.Empty,
                SpreadsheetCell.Text(Comments(rubric, shown))]);
        }

        var submitted = lines.Count(l => l.Sheet is { IsSubmitted: true });
        CouncilSheetParts.Signed(sheet, $"Đã nộp {submitted}/{lines.Count} phiếu chấm điểm.", preparedBy, now);
        return book;
    }

    /// <summary>"phieu-cham-diem-nguyen-van-an-hoi-dong-tham-dinh-tinh-quang-tri-2026-11-20.xlsx".</summary>
    public static string FileName(CouncilState council, MemberRow member, DateTimeOffset now) =>
        CouncilSheetParts.FileName(now, "phieu-cham-diem", member.FullName, council.Row.Name);

    private static string StatusOf(ScoringLine line)
    {
        var status = line switch
        {
            { Visible: false, Sheet: not null } => "Không hiển thị (người xem có xung đột lợi ích với hồ sơ)",
            { Sheet: { IsSubmitted: true } } => Submitted,
            { Sheet: not null } => Draft,
            _ => NotScored,
        };
        return line.MemberConflicted ? $"{status}; có xung đột lợi ích, không tính" : status;
    }

    /// <summary>The comments in rubric order, one line each, named by criterion.</summary>
    private static string? Comments(Rubric rubric, ScoreSheet? sheet)
    {
        var lines = rubric.Criteria
            .Select(c => (c.Name, Comment: sheet?.Scores.FirstOrDefault(s => s.CriterionCode == c.Code)?.Comment))
            .Where(x => x.Comment is { Length: > 0 })
            .Select(x => $"{x.Name}: {x.Comment}")
            .ToList();
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }
}
