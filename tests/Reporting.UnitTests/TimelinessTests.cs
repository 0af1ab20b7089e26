using DoanKetSangTao.Reporting.API.Domain.Timeliness;

namespace DoanKetSangTao.Tests.ReportingUnitTests;

/// <summary>Báo cáo đúng hạn: on time until the due date ends in Vietnam (UTC+7), judged on the first submission.</summary>
public sealed class TimelinessTests
{
    private static readonly DateOnly Due = new(2026, 5, 15);

    [Fact]
    public void A_report_first_submitted_at_23_59_59_on_the_due_date_in_Vietnam_is_on_time_and_one_second_later_is_late()
    {
        // 15/05 23:59:59 in Hà Nội is 16:59:59 UTC; 16/05 00:00 in Hà Nội is 17:00 UTC on the 15th.
        Assert.True(ReportTimeliness.IsOnTime(Due, new DateTimeOffset(2026, 5, 15, 16, 59, 59, TimeSpan.Zero)));
        Assert.False(ReportTimeliness.IsOnTime(Due, new DateTimeOffset(2026, 5, 15, 17, 0, 0, TimeSpan.Zero)));
        Assert.False(ReportTimeliness.IsOnTime(Due, new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.FromHours(7))));
        Assert.True(ReportTimeliness.IsOnTime(Due, new DateTimeOffset(2026, 5, 15, 23, 59, 59, TimeSpan.FromHours(7))));
    }

    [Fact]
    public void The_figures_count_only_units_in_force_so_a_merged_commune_counts_once_as_its_successor()
    {
        // 00010 and 00013 were merged into 00020 mid-period; 00010 had reported before the merger.
        ExpectedUnit[] expected = [new("00020", "Phường Mới", "01"), new("00030", "Xã Đông", "01"), new("00040", "Xã Tây", "01")];
        FiledReport[] filed =
        [
            new("00010", null, new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero)),
            new("00020", null, new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero)),
            new("00030", null, new DateTimeOffset(2026, 5, 16, 2, 0, 0, TimeSpan.Zero)),
        ];

        var units = ReportTimeliness.Judge(Due, expected, filed);
        var figures = TimelinessFigures.Of(units);

        Assert.Equal(new TimelinessFigures(3, 2, 1, 1, 1, 0.6667m, 0.3333m), figures);
        Assert.Equal(["00040"], TimelinessRollUp.Missing(units).Select(u => u.Code));
    }

    [Fact]
    public void A_draft_never_submitted_is_missing_and_member_organizations_are_told_apart_by_their_id()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        ExpectedUnit[] expected = [new("01", "Hội Nông dân", "01", a), new("01", "Đoàn Thanh niên", "01", b)];
        FiledReport[] filed = [new("01", a, null), new("01", b, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero))];

        var units = ReportTimeliness.Judge(Due, expected, filed);

        Assert.Equal([UnitReportState.Missing, UnitReportState.OnTime], units.Select(u => u.State));
    }

    [Fact]
    public void The_figures_by_parent_add_up_to_the_whole()
    {
        ExpectedUnit[] expected = [new("00004", "Phường Ba Đình", "01"), new("26734", "Phường Sài Gòn", "79"), new("26737", "Phường Tân Định", "79")];
        var units = ReportTimeliness.Judge(Due, expected, [new("26734", null, new DateTimeOffset(2026, 5, 15, 10, 0, 0, TimeSpan.Zero))]);

        var byParent = TimelinessRollUp.ByParent(units);

        Assert.Equal(["01", "79"], byParent.Select(p => p.Code));
        Assert.Equal((1, 0), (byParent[0].Figures.Expected, byParent[0].Figures.Received));
        Assert.Equal((2, 1, 0.5m), (byParent[1].Figures.Expected, byParent[1].Figures.OnTime, byParent[1].Figures.ReportingRate));
        Assert.Equal(TimelinessFigures.Of(units).Expected, byParent.Sum(p => p.Figures.Expected));
    }

    [Fact]
    public void Nothing_expected_gives_rates_of_zero_not_a_division_by_zero()
    {
        Assert.Equal(new TimelinessFigures(0, 0, 0, 0, 0, 0m, 0m), TimelinessFigures.Of([]));
    }

    [Theory]
    [InlineData("2026-05-08T00:59:59Z", null)]      // D-7 07:59:59 in Vietnam: not yet
    [InlineData("2026-05-08T01:00:00Z", "d7")]      // D-7 08:00
    [InlineData("2026-05-12T00:59:59Z", "d7")]      // still D-7's until D-3 08:00
    [InlineData("2026-05-12T01:00:00Z", "d3")]
    [InlineData("2026-05-14T01:00:00Z", "d1")]
    [InlineData("2026-05-15T16:59:59Z", "d1")]      // the last second of the due date
    [InlineData("2026-05-16T01:00:00Z", "overdue")] // D+1 08:00
    [InlineData("2026-05-23T00:59:59Z", "overdue")]
    [InlineData("2026-05-23T01:00:00Z", null)]      // a week after D+1: too stale to announce
    public void The_reminder_step_due_is_the_latest_that_has_come_at_8_oclock_Vietnam_time(string now, string? step)
    {
        Assert.Equal(step, ReportReminderSteps.DueAt(Due, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture))?.Code);
    }
}
