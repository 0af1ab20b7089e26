using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain.Preferences;

/// <summary>
/// Tần suất tổng hợp (lịch tổng hợp): a person who gets many notices of a digestible kind may have them gathered into one
/// message a day or a week instead of one each. The in-app inbox still receives each notice at once; only the outbound
/// message waits. Digests go out at 07:30 Vietnam time (daily), on Mondays for a weekly one: the start of a working day.
/// </summary>
public static class DigestFrequencies
{
    public const string Immediate = "immediate";
    public const string Daily = "daily";
    public const string Weekly = "weekly";

    public static readonly IReadOnlyList<string> All = [Immediate, Daily, Weekly];

    public static readonly TimeOnly SendsAt = new(7, 30);

    public static bool IsKnown(string? frequency) => frequency is not null && All.Contains(frequency);

    public static string NameOf(string frequency) => frequency switch
    {
        Immediate => "Gửi ngay từng thông báo",
        Daily => "Tổng hợp hằng ngày (07:30)",
        Weekly => "Tổng hợp hằng tuần (07:30 thứ Hai)",
        _ => frequency,
    };

    /// <summary>When the digest that a notice filed at <paramref name="now"/> joins goes out: the next 07:30 (a Monday's, weekly) after it.</summary>
    public static DateTimeOffset NextSend(string frequency, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime);
        for (var day = today; ; day = day.AddDays(1))
        {
            var at = VietnamTime.StartOfDay(day) + SendsAt.ToTimeSpan();
            if (at > now && (frequency != Weekly || day.DayOfWeek == DayOfWeek.Monday))
            {
                return at;
            }
        }
    }

    /// <summary>The period a digest sent at <paramref name="sendsAt"/> covers, as its reader sees it.</summary>
    public static string PeriodOf(string frequency, DateTimeOffset sendsAt) => frequency == Weekly
        ? $"tuần đến {VietnamTime.FormatDate(sendsAt)}"
        : $"ngày {VietnamTime.FormatDate(sendsAt.AddDays(-1))}";
}
