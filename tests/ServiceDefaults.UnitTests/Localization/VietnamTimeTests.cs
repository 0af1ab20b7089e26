using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Localization;

public sealed class VietnamTimeTests
{
    [Fact]
    public void Before_15_January_closes_at_midnight_Vietnam_time_which_is_17_00_UTC_the_day_before()
    {
        var closes = VietnamTime.ClosesBefore(new DateOnly(2027, 1, 15));
        Assert.Equal(new DateTimeOffset(2027, 1, 14, 17, 0, 0, TimeSpan.Zero), closes);
    }

    [Fact]
    public void The_last_minute_of_14_January_in_Hanoi_is_still_inside_the_window()
    {
        var closes = VietnamTime.ClosesBefore(new DateOnly(2027, 1, 15));
        var lastMinute = new DateTimeOffset(2027, 1, 14, 23, 59, 0, TimeSpan.FromHours(7));
        var firstMinute = new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.FromHours(7));
        Assert.True(lastMinute < closes);
        Assert.False(firstMinute < closes);
    }

    [Fact]
    public void Dates_and_times_are_shown_the_Vietnamese_way_in_Vietnam_time()
    {
        var instant = new DateTimeOffset(2026, 12, 31, 18, 5, 0, TimeSpan.Zero);
        Assert.Equal("01/01/2027", VietnamTime.FormatDate(instant));
        Assert.Equal("01:05 01/01/2027", VietnamTime.FormatDateTime(instant));
    }
}
