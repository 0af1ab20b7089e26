using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Tổng hợp điểm: the numbers the council sees, each computed by hand here.</summary>
public sealed class ScoreAggregationTests
{
    private static readonly AppraisalCase Case = Fixtures.Case(1, "Ứng dụng quản lý hồ sơ một cửa");
    private static readonly CouncilMember[] Members = Enumerable.Range(1, 5).Select(i => Member(i, $"Thành viên {i}")).ToArray();

    private static List<ScoreSheet> SheetsTotalling(params decimal[] totals) =>
        totals.Select((t, i) => Submitted(Case, Members[i], Rubric.Default, DefaultPoints(t))).ToList();

    [Fact]
    public void Totals_80_70_90_give_mean_80_spread_20_and_grade_Tốt()
    {
        var result = ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, SheetsTotalling(80m, 70m, 90m));

        Assert.Equal(3, result.SubmittedCount);
        Assert.Equal([80m, 70m, 90m], Members.Take(3).Select(m => result.MemberTotals[m.Id]));
        Assert.Equal(80m, result.Mean);
        Assert.Equal(70m, result.Min);
        Assert.Equal(90m, result.Max);
        Assert.Equal(20m, result.Spread);
        Assert.Equal(8.16m, result.StandardDeviation); // √((0² + 10² + 10²) / 3) = √66,67 = 8,1649…
        Assert.Equal("Tốt", result.Band!.Name);
        Assert.True(result.IsRecognizedGrade);
    }

    [Fact]
    public void A_spread_of_exactly_20_percent_is_not_flagged_and_one_above_it_is()
    {
        Assert.Equal(20m, ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, SheetsTotalling(80m, 70m, 90m)).DisagreementThreshold);
        Assert.False(ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, SheetsTotalling(80m, 70m, 90m)).IsLargeDisagreement);

        var wide = ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, SheetsTotalling(70m, 95m));
        Assert.Equal(25m, wide.Spread);
        Assert.True(wide.IsLargeDisagreement);
        Assert.Equal(82.5m, wide.Mean);
    }

    [Fact]
    public void The_disagreement_threshold_is_configurable()
    {
        var result = ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, SheetsTotalling(80m, 70m, 90m), disagreementFraction: 0.10m);
        Assert.Equal(10m, result.DisagreementThreshold);
        Assert.True(result.IsLargeDisagreement);
    }

    [Fact]
    public void The_mean_is_rounded_to_2_decimals_half_away_from_zero()
    {
        // 80,25 and 80 → 80,125 → 80,13 (banker's rounding would give 80,12).
        var sheets = new[]
        {
            Submitted(Case, Members[0], Rubric.Default, 24.25m, 16m, 8m, 24m, 8m),
            Submitted(Case, Members[1], Rubric.Default, DefaultPoints(80)),
        };
        Assert.Equal(80.13m, ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, sheets).Mean);
    }

    [Fact]
    public void The_grade_is_taken_from_the_rounded_mean_the_council_publishes()
    {
        // One criterion out of 1000 at weight 0,1: four sheets of 90 and one of 89,975 → mean 89,995 → 90,00 → Xuất sắc.
        var rubric = Rubric.Create([new RubricCriterion("tong_hop", "Tổng hợp", 1000m, 0.1m)]);
        var scheme = ScoringScheme.Create(rubric, GradeBands.DefaultFor(rubric.MaxTotal));
        var sheets = Members.Select((m, i) => Submitted(Case, m, rubric, i == 0 ? 899.75m : 900m)).ToList();

        var result = ScoreAggregation.Aggregate(Case.Id, scheme, sheets);

        Assert.Equal(90.00m, result.Mean);
        Assert.Equal("Xuất sắc", result.Band!.Name);
    }

    [Fact]
    public void A_criterion_mean_below_its_minimum_grades_the_case_not_recognized_whatever_its_total()
    {
        var rubric = Rubric.Create(
        [
            new RubricCriterion(Rubric.NoveltyCode, "Tính mới", 30m, MinPoints: 15m),
            new RubricCriterion(Rubric.PracticalityCode, "Tính thiết thực, hiệu quả", 70m),
        ]);
        var scheme = ScoringScheme.Create(rubric, GradeBands.DefaultFor(100m));
        // Novelty 12 and 14 → mean 13 < 15; totals 82 and 84 → mean 83, which alone would be Tốt.
        var sheets = new[] { Submitted(Case, Members[0], rubric, 12m, 70m), Submitted(Case, Members[1], rubric, 14m, 70m) };

        var result = ScoreAggregation.Aggregate(Case.Id, scheme, sheets);

        Assert.Equal(83m, result.Mean);
        Assert.Equal("Không đạt", result.Band!.Name);
        Assert.False(result.IsRecognizedGrade);
        Assert.Equal(13m, Assert.Single(result.FailedMinimums).Mean);
    }

    [Fact]
    public void A_criterion_mean_exactly_at_its_minimum_passes()
    {
        var rubric = Rubric.Create(
        [
            new RubricCriterion(Rubric.NoveltyCode, "Tính mới", 30m, MinPoints: 15m),
            new RubricCriterion(Rubric.PracticalityCode, "Tính thiết thực, hiệu quả", 70m),
        ]);
        var scheme = ScoringScheme.Create(rubric, GradeBands.DefaultFor(100m));
        var sheets = new[] { Submitted(Case, Members[0], rubric, 14m, 70m), Submitted(Case, Members[1], rubric, 16m, 70m) };

        var result = ScoreAggregation.Aggregate(Case.Id, scheme, sheets);

        Assert.Empty(result.FailedMinimums);
        Assert.Equal("Tốt", result.Band!.Name); // mean 85
    }

    [Fact]
    public void Drafts_do_not_count()
    {
        var sheets = SheetsTotalling(80m, 90m);
        sheets.Add(Drafted(Case, Members[2], Rubric.Default, DefaultPoints(10)));

        var result = ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, sheets);

        Assert.Equal(2, result.SubmittedCount);
        Assert.Equal(85m, result.Mean);
        Assert.False(result.MemberTotals.ContainsKey(Members[2].Id));
    }

    [Fact]
    public void Without_a_submitted_sheet_there_is_no_mean_and_no_grade()
    {
        var result = ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, [Drafted(Case, Members[0], Rubric.Default, DefaultPoints(80))]);
        Assert.Null(result.Mean);
        Assert.Null(result.Band);
        Assert.False(result.IsLargeDisagreement);
    }

    [Fact]
    public void Per_criterion_means_are_reported_in_rubric_order()
    {
        var result = ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, SheetsTotalling(80m, 70m, 90m));
        // Novelty: (24 + 21 + 27) / 3 = 24; suitability: (16 + 14 + 18) / 3 = 16.
        Assert.Equal([24m, 16m, 8m, 24m, 8m], result.Criteria.Select(c => c.Mean));
    }
}
