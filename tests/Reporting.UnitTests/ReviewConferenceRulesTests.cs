using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.ReviewConferences;

namespace DoanKetSangTao.Tests.ReportingUnitTests;

/// <summary>
/// Hội nghị sơ kết, tổng kết: a contribution due "20/10" is on time until the end of 20 October in Vietnam; reminders
/// at D-3 and D-1; who may manage and who may act.
/// </summary>
public sealed class ReviewConferenceRulesTests
{
    private static readonly DateOnly Due = new(2024, 10, 20);

    // 20/10 ends at 21/10 00:00 in Vietnam, which is 20/10 17:00 UTC.
    private static readonly DateTimeOffset Closes = new(2024, 10, 20, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_file_sent_in_the_last_minute_of_the_due_day_in_Vietnam_is_on_time_and_one_at_midnight_is_late()
    {
        var later = Closes.AddDays(5);
        Assert.Equal(ContributionStatuses.Submitted, ConferenceRules.StatusOf(Due, Closes.AddMinutes(-1), later));
        Assert.Equal(ContributionStatuses.Late, ConferenceRules.StatusOf(Due, Closes, later));
    }

    [Fact]
    public void An_unsent_contribution_is_assigned_until_the_due_day_ends_in_Vietnam_then_late()
    {
        Assert.Equal(ContributionStatuses.Assigned, ConferenceRules.StatusOf(Due, null, Closes.AddTicks(-1)));
        Assert.Equal(ContributionStatuses.Late, ConferenceRules.StatusOf(Due, null, Closes));
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(4, null)]
    [InlineData(3, 3)]
    [InlineData(2, 3)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(-1, null)]
    public void Reminders_are_due_at_D_3_and_at_D_1_and_not_after_the_due_day(int daysBefore, int? step) =>
        Assert.Equal(step, ConferenceRules.ReminderStepOn(Due, Due.AddDays(-daysBefore)));

    [Fact]
    public void Today_is_Vietnams_day()
    {
        Assert.Equal(new DateOnly(2024, 10, 21), ConferenceRules.Today(Closes));
        Assert.Equal(Due, ConferenceRules.Today(Closes.AddTicks(-1)));
    }

    [Fact]
    public void Only_the_host_committees_own_officers_manage_and_only_invited_organizations_act()
    {
        var invited = Guid.NewGuid();
        IReadOnlyCollection<Guid> invitees = [invited];
        var province = new AdministrativeScope("49", null);
        Assert.Equal(ConferenceStanding.Host, ConferenceAccess.StandingOf(true, true, province, null, "49", null, invitees));
        // The province's officers do not manage a commune's conference, nor the commune's a province's.
        Assert.Equal(ConferenceStanding.None, ConferenceAccess.StandingOf(true, true, province, null, "49", "20290", invitees));
        Assert.Equal(ConferenceStanding.None, ConferenceAccess.StandingOf(true, true, new AdministrativeScope("49", "20290"), null, "49", null, invitees));
        Assert.Equal(ConferenceStanding.None, ConferenceAccess.StandingOf(true, true, AdministrativeScope.Central, null, "49", null, invitees));
        Assert.Equal(ConferenceStanding.Invitee, ConferenceAccess.StandingOf(false, true, province, invited, "49", null, invitees));
        Assert.Equal(ConferenceStanding.None, ConferenceAccess.StandingOf(false, true, province, Guid.NewGuid(), "49", null, invitees));
        Assert.Equal(ConferenceStanding.None, ConferenceAccess.StandingOf(false, false, province, invited, "49", null, invitees));
    }

    [Fact]
    public void A_participants_address_that_shows_one_way_and_routes_another_is_refused()
    {
        Assert.Equal("chu.tich@mttq.vn", ConferenceRules.Email(" chu.tich@mttq.vn "));
        Assert.Null(ConferenceRules.Email("chu.tich\u202E@mttq.vn"));
        Assert.Null(ConferenceRules.Email("chu\u200Btich@mttq.vn"));
        Assert.Null(ConferenceRules.Email("khong-phai-dia-chi"));
    }
}
