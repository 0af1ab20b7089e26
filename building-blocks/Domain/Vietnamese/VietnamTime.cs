using System.Globalization;

namespace DoanKetSangTao.Domain;

/// <summary>Times are stored in UTC and shown in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).</summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>The instant a Vietnamese calendar day starts, in UTC.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>"Trước ngày 15/01/2026" in the seeds: the window closes when 15 January begins in Vietnam.</summary>
    public static DateTimeOffset ClosesBefore(DateOnly day) => StartOfDay(day);

    /// <summary>Vietnamese date: 14/01/2026.</summary>
    public static string FormatDate(DateTimeOffset instant) =>
        ToLocal(instant).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Vietnamese date and time: 23:59 14/01/2026.</summary>
    public static string FormatDateTime(DateTimeOffset instant) =>
        ToLocal(instant).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
