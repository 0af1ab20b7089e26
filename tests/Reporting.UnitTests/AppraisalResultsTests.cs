using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Reporting.API.Domain;

namespace DoanKetSangTao.Tests.ReportingUnitTests;

/// <summary>The appraisal results roll-up: counts per area and council level, and the total over the areas.</summary>
public sealed class AppraisalResultsTests
{
    private static (long, long, long) Counts(IEnumerable<LevelResult> levels, string level) =>
        levels.Single(l => l.Level == level) is var r ? (r.Recognized, r.NotRecognized, r.NominatedUpward) : default;

    [Fact]
    public void Without_any_decision_the_totals_list_every_level_at_zero_and_no_area()
    {
        var (totals, breakdown) = AppraisalResults.RollUp([]);
        Assert.Equal([CouncilLevels.Commune, CouncilLevels.Province, CouncilLevels.Central], totals.Select(t => t.Level));
        Assert.All(totals, t => Assert.Equal((0L, 0L, 0L), (t.Recognized, t.NotRecognized, t.NominatedUpward)));
        Assert.Empty(breakdown);
    }

    [Fact]
    public void An_area_decided_at_one_level_lists_every_level_with_zeros_for_the_others()
    {
        var (_, breakdown) = AppraisalResults.RollUp([new("01", CouncilLevels.Province, 2, 1, 1)]);
        var hanoi = Assert.Single(breakdown);
        Assert.Equal("01", hanoi.Code);
        Assert.Equal(CouncilLevels.All, hanoi.Levels.Select(l => l.Level));
        Assert.Equal((0L, 0L, 0L), Counts(hanoi.Levels, CouncilLevels.Commune));
        Assert.Equal((2L, 1L, 1L), Counts(hanoi.Levels, CouncilLevels.Province));
        Assert.Equal((0L, 0L, 0L), Counts(hanoi.Levels, CouncilLevels.Central));
    }

    [Fact]
    public void Counts_of_one_area_and_level_are_summed_and_areas_stay_apart()
    {
        AppraisalCountRow[] rows =
        [
            new("00004", CouncilLevels.Commune, 1, 0, 1),
            new("00008", CouncilLevels.Province, 0, 1, 0),
            new("00004", CouncilLevels.Commune, 2, 3, 0),
            new("00004", CouncilLevels.Central, 1, 0, 0),
        ];
        var (_, breakdown) = AppraisalResults.RollUp(rows);
        var baDinh = breakdown.Single(a => a.Code == "00004");
        var ngocHa = breakdown.Single(a => a.Code == "00008");
        Assert.Equal((3L, 3L, 1L), Counts(baDinh.Levels, CouncilLevels.Commune));
        Assert.Equal((1L, 0L, 0L), Counts(baDinh.Levels, CouncilLevels.Central));
        Assert.Equal((0L, 0L, 0L), Counts(baDinh.Levels, CouncilLevels.Province));
        Assert.Equal((0L, 1L, 0L), Counts(ngocHa.Levels, CouncilLevels.Province));
        Assert.Equal((0L, 0L, 0L), Counts(ngocHa.Levels, CouncilLevels.Commune));
    }

    [Fact]
    public void The_totals_are_the_sum_of_the_breakdown_at_every_level()
    {
        var random = new Random(20261207);
        var rows = Enumerable.Range(0, 200).Select(_ => new AppraisalCountRow(
            random.Next(1, 40).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            CouncilLevels.All[random.Next(CouncilLevels.All.Count)],
            random.Next(0, 50), random.Next(0, 50), random.Next(0, 20))).ToList();
        var (totals, breakdown) = AppraisalResults.RollUp(rows);
        foreach (var level in CouncilLevels.All)
        {
            var inAreas = breakdown.Select(a => a.Levels.Single(l => l.Level == level)).ToList();
            Assert.Equal(
                (inAreas.Sum(l => l.Recognized), inAreas.Sum(l => l.NotRecognized), inAreas.Sum(l => l.NominatedUpward)),
                Counts(totals, level));
            var fromRows = rows.Where(r => r.Level == level).ToList();
            Assert.Equal((fromRows.Sum(r => r.Recognized), fromRows.Sum(r => r.NotRecognized), fromRows.Sum(r => r.NominatedUpward)), Counts(totals, level));
        }
    }

    [Fact]
    public void Areas_are_listed_in_ordinal_code_order_and_levels_from_the_commune_up()
    {
        AppraisalCountRow[] rows =
        [
            new("79", CouncilLevels.Central, 1, 0, 0),
            new("01", CouncilLevels.Province, 1, 0, 0),
            new("1", CouncilLevels.Commune, 1, 0, 0),
            new("08", CouncilLevels.Commune, 1, 0, 0),
        ];
        var (totals, breakdown) = AppraisalResults.RollUp(rows);
        Assert.Equal(["01", "08", "1", "79"], breakdown.Select(a => a.Code));
        Assert.All(breakdown, a => Assert.Equal(CouncilLevels.All, a.Levels.Select(l => l.Level)));
        Assert.Equal(CouncilLevels.All, totals.Select(l => l.Level));
        // The same rows in another order give the same report.
        var (again, areasAgain) = AppraisalResults.RollUp(rows.Reverse());
        Assert.Equal(totals, again);
        Assert.Equal(breakdown.Select(a => (a.Code, string.Join(";", a.Levels))), areasAgain.Select(a => (a.Code, string.Join(";", a.Levels))));
    }

    [Fact]
    public void A_count_at_a_level_the_vocabulary_does_not_know_is_added_nowhere_though_its_area_is_listed()
    {
        AppraisalCountRow[] rows = [new("01", "district", 5, 5, 5), new("01", CouncilLevels.Commune, 1, 0, 0), new("02", "Province", 7, 0, 0)];
        var (totals, breakdown) = AppraisalResults.RollUp(rows);
        Assert.Equal(["01", "02"], breakdown.Select(a => a.Code));
        Assert.Equal(CouncilLevels.All, breakdown[0].Levels.Select(l => l.Level));
        Assert.Equal((1L, 0L, 0L), Counts(breakdown[0].Levels, CouncilLevels.Commune));
        Assert.All(breakdown[1].Levels, l => Assert.Equal((0L, 0L, 0L), (l.Recognized, l.NotRecognized, l.NominatedUpward)));
        Assert.Equal((1L, 0L, 0L), Counts(totals, CouncilLevels.Commune));
        Assert.Equal((0L, 0L, 0L), Counts(totals, CouncilLevels.Province));
        Assert.Equal((0L, 0L, 0L), Counts(totals, CouncilLevels.Central));
    }
}
