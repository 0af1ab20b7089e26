using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using DoanKetSangTao.Appraisal.API.Apis;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Spreadsheets;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>
/// The council's exports read back as Excel would: Vietnamese text intact, one column per criterion of the rubric, the
/// figures of the aggregation. The default rubric has 5 criteria, so they fill D–H and the total is in I.
/// </summary>
public sealed class CouncilExportSheetsTests
{
    private static readonly Rubric Rubric = Rubric.Default;

    private static readonly MemberRow An = Tenure(1, "Nguyễn Văn An", "member");
    private static readonly MemberRow Binh = Tenure(2, "Lê Văn Bình", "member");
    private static readonly MemberRow Cuc = Tenure(3, "Phạm Thị Cúc", "expert");
    private static readonly MemberRow Thu = Tenure(9, "Trần Thị Thư", "secretary");

    private static readonly CouncilState Council = new(new CouncilRow
    {
        Id = Id(100),
        Level = "province",
        ScopeCode = "44",
        Name = "Hội đồng thẩm định tỉnh Quảng Trị",
        DecisionNumber = "125/QĐ-MTTQ-BTT",
        DecisionDate = new DateTime(2026, 10, 1),
        QuorumNumerator = 2,
        QuorumDenominator = 3,
        Rubric = JsonSerializer.Serialize(Rubric.Criteria, CouncilState.Json),
        GradeBands = JsonSerializer.Serialize(GradeBands.Default.Bands, CouncilState.Json),
        ScoringStartedAt = Now.UtcDateTime.AddDays(-10),
    }, [An, Binh, Cuc, Thu]);

    // Recognized, 80/70/90; not recognized, 40/65 (spread 25 > 20: flagged); rejected at screening; still being scored.
    private static readonly CaseRow Recognized =
        Decided(1, "Mô hình \"Chợ 4.0\" thanh toán không dùng tiền mặt", true, 80m, "Tốt", "12/QĐ-HĐTĐ", nominatedTo: Id(50));

    private static readonly CaseRow NotRecognized = Decided(2, "Sổ tay điện tử khu dân cư", false, 52.5m, "Không đạt", "13/QĐ-HĐTĐ");

    private static readonly CaseRow Rejected = Row(3, "Đèn năng lượng mặt trời cho ngõ xóm", CaseState.Rejected, c =>
    {
        c.Recognized = false;
        c.Screening = """{"outcome":"reject","ground":"duplicate","reason":null}""";
        c.DecisionNumber = "05/BB-HĐTĐ";
        c.DecisionDate = new DateTime(2026, 11, 2);
    });

    private static readonly CaseRow Pending = Row(4, "Ứng dụng phản ánh hiện trường của người dân", CaseState.Admitted, _ => { });

    [Fact]
    public void The_results_sheet_ranks_the_decided_cases_with_the_means_per_criterion_total_grade_and_decision()
    {
        using var xlsx = Read(CouncilResultsSheet.Build(Council, Results(), provisionalShown: true, "Trần Thị Thư", Now));

        Assert.Equal(["Kết quả thẩm định", "Đang thẩm định"], xlsx.SheetNames);
        Assert.Empty(xlsx.ValidationErrors());
        const string sheet = "Kết quả thẩm định";
        Assert.Equal("HỘI ĐỒNG THẨM ĐỊNH TỈNH QUẢNG TRỊ", xlsx.Text(sheet, "A1"));
        Assert.Equal("BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH SÁNG KIẾN, Ý TƯỞNG MỚI", xlsx.Text(sheet, "A2"));
        Assert.Equal("(Thành lập theo Quyết định số 125/QĐ-MTTQ-BTT ngày 01/10/2026)", xlsx.Text(sheet, "A3"));
        Assert.Equal(
            ["STT", "Tên sáng kiến, ý tưởng mới", "Địa bàn (mã tỉnh/mã xã)", "Tính mới (tối đa 30)", "Tính phù hợp (tối đa 20)",
                "Tính tập thể (tối đa 10)", "Tính thiết thực, hiệu quả (tối đa 30)", "Tính kinh tế (tối đa 10)", "Tổng điểm", "Độ chênh lệch",
                "Chênh lệch lớn", "Phiếu đã nộp", "Xếp loại", "Kết quả", "Số quyết định", "Ngày quyết định", "Đề cử lên cấp trên"],
            xlsx.Row(sheet, 6));

        // Row 7: 80/70/90 → means 24, 16, 8, 24, 8; total 80, spread 20 (not above 20 % of 100).
        Assert.Equal(["1", "Mô hình \"Chợ 4.0\" thanh toán không dùng tiền mặt", "44/19999"], xlsx.Row(sheet, 7).Take(3));
        Assert.Equal([24m, 16m, 8m, 24m, 8m, 80m, 20m], "DEFGHIJ".Select(c => xlsx.Number(sheet, $"{c}7")));
        Assert.Equal(["Không", "3/3", "Tốt", "Công nhận", "12/QĐ-HĐTĐ"], "KLMNO".Select(c => xlsx.Text(sheet, $"{c}7")));
        Assert.Equal(new DateTime(2026, 11, 15), DateTime.FromOADate((double)xlsx.Number(sheet, "P7")));
        Assert.Equal("Có", xlsx.Text(sheet, "Q7"));

        // Row 8: 40/65 → total 52,5 and spread 25, flagged.
        Assert.Equal("Sổ tay điện tử khu dân cư", xlsx.Text(sheet, "B8"));
        Assert.Equal([52.5m, 25m], "IJ".Select(c => xlsx.Number(sheet, $"{c}8")));
        Assert.Equal(["Có", "2/2", "Không đạt", "Không công nhận"], "KLMN".Select(c => xlsx.Text(sheet, $"{c}8")));
        Assert.Equal("Không", xlsx.Text(sheet, "Q8"));

        // Row 9: rejected at screening, with its ground; no scores.
        Assert.Equal("Đèn năng lượng mặt trời cho ngõ xóm", xlsx.Text(sheet, "B9"));
        Assert.Equal("Bị loại: trùng với sáng kiến đã được xét trước đó", xlsx.Text(sheet, "N9"));
        Assert.Equal(string.Empty, xlsx.Text(sheet, "I9"));
        Assert.Contains("Tổng số: 3 hồ sơ có kết quả (công nhận: 1; không công nhận: 1; bị loại: 1).", xlsx.AllText(sheet));
        Assert.Contains("Ngày 20 tháng 11 năm 2026", xlsx.AllText(sheet));
        Assert.DoesNotContain(Pending.Title, xlsx.AllText(sheet));
    }

    [Fact]
    public void Cases_still_being_scored_are_on_the_second_sheet_with_provisional_figures_from_submitted_sheets_only()
    {
        using var xlsx = Read(CouncilResultsSheet.Build(Council, Results(), provisionalShown: true, "Trần Thị Thư", Now));
        const string sheet = "Đang thẩm định";

        Assert.Equal("Tổng điểm (tạm tính)", xlsx.Text(sheet, "I6"));
        Assert.Equal("Trạng thái", xlsx.Text(sheet, "N6"));
        Assert.Equal(Pending.Title, xlsx.Text(sheet, "B7"));
        // An's 60 is submitted; Bình's draft of 30 on "Tính mới" does not count.
        Assert.Equal([18m, 60m], "DI".Select(c => xlsx.Number(sheet, $"{c}7")));
        Assert.Equal(["1/2", "Khá", "đang thẩm định"], "LMN".Select(c => xlsx.Text(sheet, $"{c}7")));
    }

    [Fact]
    public void An_overseeing_officer_sees_no_scores_of_a_case_before_its_decision()
    {
        var hidden = Results().Select(r => r.Case.State == CaseState.Admitted ? r with { Aggregate = null } : r).ToList();
        using var xlsx = Read(CouncilResultsSheet.Build(Council, hidden, provisionalShown: false, "Cán bộ Mặt trận", Now));

        Assert.StartsWith("Điểm của hồ sơ chưa có quyết định chỉ Thư ký, Chủ tịch", xlsx.Text("Đang thẩm định", "A4"));
        Assert.Equal(string.Empty, xlsx.Text("Đang thẩm định", "D7"));
        Assert.Equal(string.Empty, xlsx.Text("Đang thẩm định", "I7"));
        Assert.Equal("1/2", xlsx.Text("Đang thẩm định", "L7"));
        Assert.Equal(80m, xlsx.Number("Kết quả thẩm định", "I7"));
    }

    [Fact]
    public void A_member_scoring_sheet_shows_their_points_comments_and_marks_drafts_as_not_submitted()
    {
        var lines = new List<ScoringLine>
        {
            new(Recognized, Sheets(Recognized)[1], Visible: true, MemberConflicted: false),
            new(Pending, Sheets(Pending)[1], Visible: true, MemberConflicted: false),
            new(Row(5, "Vườn rau sạch trường học", CaseState.Admitted, _ => { }), null, Visible: false, MemberConflicted: false),
        };
        using var xlsx = Read(MemberScoringSheet.Build(Council, Binh, lines, "Lê Văn Bình", Now));
        const string sheet = "Phiếu chấm điểm";

        Assert.Equal([sheet], xlsx.SheetNames);
        Assert.Empty(xlsx.ValidationErrors());
        Assert.Equal("PHIẾU CHẤM ĐIỂM SÁNG KIẾN, Ý TƯỞNG MỚI", xlsx.Text(sheet, "A2"));
        Assert.StartsWith("Thành viên: Lê Văn Bình – Ủy viên.", xlsx.Text(sheet, "A4"));
        Assert.Equal(
            ["STT", "Tên sáng kiến, ý tưởng mới", "Trạng thái hồ sơ", "Tính mới (tối đa 30)", "Tính phù hợp (tối đa 20)",
                "Tính tập thể (tối đa 10)", "Tính thiết thực, hiệu quả (tối đa 30)", "Tính kinh tế (tối đa 10)", "Tổng điểm", "Tình trạng phiếu",
                "Thời điểm nộp", "Nhận xét"],
            xlsx.Row(sheet, 6));

        Assert.Equal([21m, 14m, 7m, 21m, 7m, 70m], "DEFGHI".Select(c => xlsx.Number(sheet, $"{c}7")));
        Assert.Equal(["đã có quyết định", "Đã nộp"], "CJ".Select(c => xlsx.Text(sheet, $"{c}7")));
        Assert.Equal(Now.UtcDateTime.AddHours(7), DateTime.FromOADate((double)xlsx.Number(sheet, "K7")), TimeSpan.FromSeconds(1));
        Assert.Equal("Tính mới: Cách làm mới ở địa phương, dễ nhân rộng.", xlsx.Text(sheet, "L7"));

        Assert.Equal(30m, xlsx.Number(sheet, "D8"));
        Assert.Equal(string.Empty, xlsx.Text(sheet, "E8"));
        Assert.Equal(30m, xlsx.Number(sheet, "I8"));
        Assert.Equal("Chưa nộp", xlsx.Text(sheet, "J8"));
        Assert.Equal("Chưa chấm", xlsx.Text(sheet, "J9"));
        Assert.Contains("Đã nộp 1/3 phiếu chấm điểm.", xlsx.AllText(sheet));
    }

    [Fact]
    public void A_sheet_the_viewer_may_not_see_keeps_its_case_but_not_its_points()
    {
        var line = new ScoringLine(Recognized, Sheets(Recognized)[1], Visible: false, MemberConflicted: true);
        using var xlsx = Read(MemberScoringSheet.Build(Council, Binh, [line], "Trần Thị Thư", Now));

        Assert.Equal(string.Empty, xlsx.Text("Phiếu chấm điểm", "I7"));
        Assert.Equal(string.Empty, xlsx.Text("Phiếu chấm điểm", "L7"));
        Assert.Equal("Không hiển thị (người xem có xung đột lợi ích với hồ sơ); có xung đột lợi ích, không tính", xlsx.Text("Phiếu chấm điểm", "J7"));
    }

    [Fact]
    public void File_names_fold_the_council_and_member_names_to_ascii()
    {
        Assert.Equal("ket-qua-tham-dinh-hoi-dong-tham-dinh-tinh-quang-tri-2026-11-20.xlsx", CouncilResultsSheet.FileName(Council, Now));
        Assert.Equal("phieu-cham-diem-le-van-binh-hoi-dong-tham-dinh-tinh-quang-tri-2026-11-20.xlsx", MemberScoringSheet.FileName(Council, Binh, Now));
    }

    /// <summary>What the endpoint passes: the aggregation and quorum of each case's sheets (all assigned, none conflicted).</summary>
    private static List<CaseResult> Results() =>
        new[] { Pending, Rejected, NotRecognized, Recognized }.Select(row =>
        {
            var sheets = Sheets(row);
            List<Guid> assigned = row == Rejected ? [] : sheets.Select(s => s.MemberId).ToList();
            return new CaseResult(row, ScoreAggregation.Aggregate(row.Id, Council.Scheme, sheets), Council.Quorum.Evaluate(assigned, [], sheets));
        }).ToList();

    private static List<ScoreSheet> Sheets(CaseRow row)
    {
        var @case = row.ToDomain();
        if (row == Recognized)
        {
            var commented = Drafted(@case, Binh.ToDomain(), Rubric, DefaultPoints(70))
                .Record(Rubric, [new CriterionScore(Rubric.NoveltyCode, 21m, "Cách làm mới ở địa phương, dễ nhân rộng.")])
                .Submit(Rubric, Now);
            return [Submitted(@case, An.ToDomain(), Rubric, DefaultPoints(80)), commented, Submitted(@case, Cuc.ToDomain(), Rubric, DefaultPoints(90))];
        }

        if (row == NotRecognized)
        {
            return [Submitted(@case, An.ToDomain(), Rubric, DefaultPoints(40)), Submitted(@case, Binh.ToDomain(), Rubric, DefaultPoints(65))];
        }

        return row == Pending
            ? [Submitted(@case, An.ToDomain(), Rubric, DefaultPoints(60)), Drafted(@case, Binh.ToDomain(), Rubric, 30m)]
            : [];
    }

    private static MemberRow Tenure(int id, string name, string role) => new()
    {
        Id = id, PersonId = Id(id), UserId = $"user-{id}", FullName = name, Role = role, OrganizationId = Id(200 + id),
        JoinedAt = CouncilFormed.UtcDateTime,
    };

    /// <summary>A case as the decision leaves it, decided on 15/11/2026.</summary>
    private static CaseRow Decided(int id, string title, bool recognized, decimal total, string grade, string number, Guid? nominatedTo = null) =>
        Row(id, title, CaseState.Decided, c =>
        {
            c.Recognized = recognized;
            c.AggregateTotal = total;
            c.Grade = grade;
            c.DecisionNumber = number;
            c.DecisionDate = new DateTime(2026, 11, 15);
            c.NominatedToCaseId = nominatedTo;
        });

    private static CaseRow Row(int id, string title, string state, Action<CaseRow> decided)
    {
        var row = new CaseRow
        {
            Id = Id(id), CouncilId = Id(100), InitiativeId = Id(300 + id), Title = title, State = state, ProvinceCode = "44", CommuneCode = "19999",
            AuthorOrgIds = [Id(400 + id)], SubmittedAt = CouncilFormed.UtcDateTime.AddDays(id), OpenedAt = CouncilFormed.UtcDateTime.AddDays(id),
        };
        decided(row);
        return row;
    }

    private static Xlsx Read(SpreadsheetBook book)
    {
        var bytes = new MemoryStream();
        book.WriteTo(bytes);
        bytes.Position = 0;
        return new Xlsx(SpreadsheetDocument.Open(bytes, false));
    }

    /// <summary>Cells by sheet name and reference; the builder writes text inline, never in the shared-string table.</summary>
    private sealed class Xlsx(SpreadsheetDocument document) : IDisposable
    {
        public IReadOnlyList<string> SheetNames => Sheets().Select(s => s.Name!.Value!).ToList();

        public IReadOnlyList<string> ValidationErrors() =>
            new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        public string Text(string sheet, string reference) => Cells(sheet).SingleOrDefault(c => c.CellReference == reference) is { } cell
            ? cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty
            : string.Empty;

        public decimal Number(string sheet, string reference) => decimal.Parse(Text(sheet, reference), NumberStyles.Float, CultureInfo.InvariantCulture);

        public IReadOnlyList<string> Row(string sheet, int row) =>
            Cells(sheet).Where(c => c.Parent is Row r && r.RowIndex?.Value == row).Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToList();

        public string AllText(string sheet) => string.Join('\n', Cells(sheet).Select(c => c.InnerText));

        public void Dispose() => document.Dispose();

        private IEnumerable<Sheet> Sheets() => document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>();

        private IEnumerable<Cell> Cells(string name) =>
            ((WorksheetPart)document.WorkbookPart!.GetPartById(Sheets().Single(s => s.Name == name).Id!.Value!)).Worksheet.Descendants<Cell>();
    }
}
