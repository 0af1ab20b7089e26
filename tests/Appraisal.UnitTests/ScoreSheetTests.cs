using System.Text;
using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Phiếu chấm điểm: who may open one, the limits on points, the total, and the lock on submission.</summary>
public sealed class ScoreSheetTests
{
    private static readonly Rubric Rubric = Rubric.Default;
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly AppraisalCase Case = Fixtures.Case(1, "Số hóa sổ hộ nghèo", Unit);
    private static readonly CouncilMember Lan = Member(1, "Trần Thị Lan");

    private static ScoreSheet Open() => ScoreSheet.Open(Case, Lan, [Lan.Id], ConflictOfInterest.SameOrganizationOnly, Now);

    [Fact]
    public void A_member_from_the_authors_unit_cannot_open_a_sheet()
    {
        var colleague = Member(2, "Lê Văn Nam", organizationId: Unit);
        var problem = Refused(AppraisalRefusals.MemberConflicted,
            () => ScoreSheet.Open(Case, colleague, [colleague.Id], ConflictOfInterest.SameOrganizationOnly, Now));
        Assert.Equal(403, StatusOf(problem));
    }

    [Fact]
    public void A_member_not_assigned_the_case_cannot_open_a_sheet()
    {
        Refused(AppraisalRefusals.MemberNotAssigned, () => ScoreSheet.Open(Case, Lan, [Id(99)], ConflictOfInterest.SameOrganizationOnly, Now));
    }

    [Fact]
    public void A_member_who_has_left_the_council_cannot_open_a_sheet()
    {
        var former = Member(3, "Phạm Văn Tâm", leftAt: Now.AddDays(-1));
        Refused(AppraisalRefusals.MemberNotCurrent, () => ScoreSheet.Open(Case, former, [former.Id], ConflictOfInterest.SameOrganizationOnly, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(7.25)]
    [InlineData(7.5)]
    [InlineData(7.75)]
    public void Points_from_0_to_the_maximum_in_quarter_steps_are_accepted(double points)
    {
        var sheet = Open().Record(Rubric, [new CriterionScore(Rubric.NoveltyCode, (decimal)points)]);
        Assert.Equal((decimal)points, sheet.PointsFor(Rubric.NoveltyCode));
    }

    [Theory]
    [InlineData(30.25, "từ 0 đến 30")]
    [InlineData(-0.25, "từ 0 đến 30")]
    [InlineData(7.3, "0,25")]
    [InlineData(7.1, "0,25")]
    public void Points_outside_the_range_or_off_the_quarter_step_are_refused(double points, string hint)
    {
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => Open().Record(Rubric, [new CriterionScore(Rubric.NoveltyCode, (decimal)points)]));
        Assert.Contains(hint, problem.Errors!["scores[tinh_moi].points"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_criterion_not_in_the_rubric_is_refused()
    {
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => Open().Record(Rubric, [new CriterionScore("tinh_sang_tao", 5m)]));
        Assert.True(problem.Errors!.ContainsKey("scores[0].criterionCode"));
    }

    [Fact]
    public void A_draft_may_be_saved_in_parts_and_a_criterion_given_again_replaces_its_points()
    {
        var sheet = Open()
            .Record(Rubric, [new CriterionScore(Rubric.EconomyCode, 8m)])
            .Record(Rubric, [new CriterionScore(Rubric.NoveltyCode, 20m, "Cách làm mới ở cấp xã".Normalize(NormalizationForm.FormD))])
            .Record(Rubric, [new CriterionScore(Rubric.EconomyCode, 9m)]);

        Assert.Equal([Rubric.NoveltyCode, Rubric.EconomyCode], sheet.Scores.Select(s => s.CriterionCode));
        Assert.Equal(9m, sheet.PointsFor(Rubric.EconomyCode));
        Assert.Equal("Cách làm mới ở cấp xã", sheet.Scores[0].Comment);
        Assert.Equal(ScoreSheetState.Draft, sheet.State);
    }

    [Fact]
    public void Submitting_with_a_criterion_unscored_is_refused_and_names_it()
    {
        var partial = Open().Record(Rubric, [new CriterionScore(Rubric.NoveltyCode, 20m)]);
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => partial.Submit(Rubric, Now));
        Assert.Equal(4, problem.Errors!.Count);
        Assert.Equal("Chưa chấm tiêu chí \"Tính kinh tế\".", problem.Errors["scores[tinh_kinh_te]"].Single());
    }

    [Fact]
    public void The_total_is_the_sum_of_points_times_weights()
    {
        var weighted = Rubric.Create([new RubricCriterion("tinh_moi", "Tính mới", 10m, 2m), new RubricCriterion("tinh_kinh_te", "Tính kinh tế", 10m, 1.5m)]);
        var sheet = Drafted(Case, Lan, weighted, 8m, 5.5m);
        Assert.Equal(24.25m, sheet.Total(weighted)); // 8 × 2 + 5,5 × 1,5 = 16 + 8,25
    }

    [Fact]
    public void A_submitted_sheet_is_locked_against_changes_and_a_second_submission()
    {
        var submitted = Submitted(Case, Lan, Rubric, DefaultPoints(80));
        Assert.Equal(ScoreSheetState.Submitted, submitted.State);
        Assert.Equal(80m, submitted.Total(Rubric));

        var change = Refused(AppraisalRefusals.ScoreLocked, () => submitted.Record(Rubric, [new CriterionScore(Rubric.NoveltyCode, 30m)]));
        Assert.Equal(409, StatusOf(change));
        Assert.Contains("đã khóa", change.Message, StringComparison.Ordinal);
        Refused(AppraisalRefusals.ScoreLocked, () => submitted.Submit(Rubric, Now.AddMinutes(5)));
    }
}
