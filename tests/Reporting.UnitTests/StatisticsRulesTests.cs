using DoanKetSangTao.Reporting.API.Domain.Statistics;

namespace DoanKetSangTao.Tests.ReportingUnitTests;

/// <summary>Thống kê: how a query is read, where a range is read from, and how periods are named.</summary>
public sealed class StatisticsRulesTests
{
    private static StatisticsInput Input(
        string? measures = null, string? by = null, string? from = null, string? to = null, string? period = null, string? area = null,
        string? structure = null, string? compareFrom = null, string? compareTo = null, string? kind = null, string? campaignId = null) =>
        new(measures, by, campaignId, kind, null, null, null, null, null, null, from, to, period, area, structure, compareFrom, compareTo, null);

    [Fact]
    public void A_range_of_whole_months_is_read_from_the_cube_alone()
    {
        var (months, days) = StatisticsRanges.Split(new DayRange(new(2026, 1, 1), new(2026, 6, 30)), factsOnly: false);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 1)), months);
        Assert.Empty(days);
    }

    [Fact]
    public void The_days_either_side_of_whole_months_are_read_from_the_facts()
    {
        var (months, days) = StatisticsRanges.Split(new DayRange(new(2025, 11, 16), new(2026, 5, 15)), factsOnly: false);
        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2026, 5, 1)), months);
        Assert.Equal([new DayRange(new(2025, 11, 16), new(2025, 11, 30)), new DayRange(new(2026, 5, 1), new(2026, 5, 15))], days);
    }

    [Fact]
    public void A_range_inside_one_month_or_an_organization_query_is_read_from_the_facts_only()
    {
        var inside = new DayRange(new(2026, 3, 2), new(2026, 3, 30));
        var (months, days) = StatisticsRanges.Split(inside, factsOnly: false);
        Assert.Null(months);
        Assert.Equal([inside], days);
        var year = new DayRange(new(2026, 1, 1), new(2026, 12, 31));
        Assert.Null(StatisticsRanges.Split(year, factsOnly: true).Months);
    }

    [Theory]
    [InlineData("month", "2026-03", "Tháng 03/2026")]
    [InlineData("quarter", "2026-Q1", "Quý I/2026")]
    [InlineData("half_year", "2026-H1", "6 tháng đầu năm 2026")]
    [InlineData("year", "2026", "Năm 2026")]
    public void A_day_falls_in_one_period_of_each_kind_named_in_Vietnamese(string period, string key, string name)
    {
        Assert.Equal(key, StatisticsPeriods.KeyOf(period, new DateOnly(2026, 3, 31)));
        Assert.Equal(name, StatisticsPeriods.NameOf(key));
    }

    [Fact]
    public void Without_parameters_every_measure_is_counted_for_the_nation_by_area_as_filed()
    {
        var (query, refusal) = StatisticsQuery.Parse(Input());
        Assert.Null(refusal);
        Assert.Equal(StatisticsMeasures.All.Select(m => m.Code), query!.Measures);
        Assert.Equal(["area"], query.By);
        Assert.True(query.IsNation);
        Assert.Equal(StatisticsStructure.AsFiled, query.Structure);
    }

    [Fact]
    public void Each_bad_value_is_refused_under_its_own_name_in_Vietnamese()
    {
        var (query, refusal) = StatisticsQuery.Parse(Input(measures: "registered,bogus", by: "kind,field,status", from: "2026-13-01", period: "week",
            area: "1", structure: "2024", compareFrom: "2025-01-01", kind: "Sáng kiến", campaignId: "x"));
        Assert.Null(query);
        Assert.Equal(["area", "by", "campaignId", "compareFrom", "from", "kind", "measures", "period", "structure"], refusal!.Errors!.Keys.Order());
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_and_a_period_breakdown_with_a_comparison_are_refused()
    {
        Assert.Contains("to", StatisticsQuery.Parse(Input(from: "2026-05-01", to: "2026-04-30")).Refusal!.Errors!.Keys);
        Assert.Contains("period", StatisticsQuery.Parse(Input(period: "month", compareFrom: "2025-01-01", compareTo: "2025-12-31")).Refusal!.Errors!.Keys);
    }

    [Fact]
    public void Only_a_code_filed_before_1_July_2025_belongs_to_the_older_structure()
    {
        Assert.Equal(new DateOnly(2000, 1, 1), StatisticsStructure.StructureOf(new DateOnly(2025, 6, 30)));
        Assert.Equal(StatisticsStructure.Reform2025, StatisticsStructure.StructureOf(new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public void The_totals_row_is_the_sum_of_the_rows_and_the_change_is_this_period_minus_the_other()
    {
        var (query, _) = StatisticsQuery.Parse(Input(measures: "registered", by: "kind", from: "2026-01-01", to: "2026-12-31",
            compareFrom: "2025-01-01", compareTo: "2025-12-31"));
        var (rows, totals) = StatisticsTable.Build(query!,
            [new(null, "sang_kien", null, "registered", 5), new(null, "mo_hinh", null, "registered", 2)],
            [new(null, "sang_kien", null, "registered", 3), new(null, "y_tuong_moi", null, "registered", 4)]);
        Assert.Equal(["mo_hinh", "sang_kien", "y_tuong_moi"], rows.Select(r => r.Keys["kind"]));
        Assert.Equal([2L, 2L, -4L], rows.Select(r => r.Change!["registered"]));
        Assert.Equal((7L, 7L, 0L), (totals.Figures["registered"], totals.Compare!["registered"], totals.Change!["registered"]));
    }
}
