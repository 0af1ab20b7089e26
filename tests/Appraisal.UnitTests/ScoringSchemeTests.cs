using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Bộ tiêu chí và thang xếp loại: changeable until the first score, frozen after.</summary>
public sealed class ScoringSchemeTests
{
    private static readonly Rubric FourCriteria = Rubric.Create(
    [
        new RubricCriterion("tinh_moi", "Tính mới", 40m), new RubricCriterion("tinh_phu_hop", "Tính phù hợp", 20m),
        new RubricCriterion("tinh_thiet_thuc_hieu_qua", "Tính thiết thực, hiệu quả", 30m), new RubricCriterion("tinh_kinh_te", "Tính kinh tế", 10m),
    ]);

    [Fact]
    public void Before_scoring_the_rubric_and_the_bands_can_be_replaced()
    {
        var scheme = ScoringScheme.Default.WithRubric(FourCriteria).WithBands(GradeBands.DefaultFor(100m));
        Assert.Equal(4, scheme.Rubric.Criteria.Count);
        Assert.False(scheme.IsFrozen);
    }

    [Fact]
    public void After_the_first_score_changing_the_rubric_is_refused_with_rubric_frozen()
    {
        var scoring = ScoringScheme.Default.StartScoring(Now);
        var problem = Refused(AppraisalRefusals.RubricFrozen, () => scoring.WithRubric(FourCriteria));
        Assert.Equal(409, StatusOf(problem));
        Assert.Contains("20/11/2026", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_first_score_changing_the_bands_is_refused_with_rubric_frozen()
    {
        Refused(AppraisalRefusals.RubricFrozen, () => ScoringScheme.Default.StartScoring(Now).WithBands(GradeBands.DefaultFor(100m)));
    }

    [Fact]
    public void Scoring_starts_once_later_scores_keep_the_first_instant()
    {
        var scheme = ScoringScheme.Default.StartScoring(Now).StartScoring(Now.AddDays(3));
        Assert.Equal(Now, scheme.ScoringStartedAt);
    }

    [Fact]
    public void A_new_rubric_whose_maximum_is_below_a_band_is_refused()
    {
        var small = Rubric.Create([new RubricCriterion("tinh_moi", "Tính mới", 50m)]);
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => ScoringScheme.Default.WithRubric(small));
        Assert.Contains("bands[0].minTotal", problem.Errors!.Keys);
    }
}
