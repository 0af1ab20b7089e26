using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.Timeliness;

/// <summary>Where one expected unit stands: submitted on time, submitted late, or not submitted (missing).</summary>
public enum UnitReportState
{
    OnTime,
    Late,
    Missing,
}

/// <summary>
/// A unit expected to report (đơn vị phải báo cáo): a commune or province in force on the due date, or a member
/// organization. <see cref="ParentCode"/> is the province it reports to (null for a province, which reports to the centre).
/// </summary>
public sealed record ExpectedUnit(string Code, string Name, string? ParentCode, Guid? OrganizationId = null);

/// <summary>A report that exists for a unit; <see cref="FirstSubmittedAt"/> is null while it is a draft never submitted.</summary>
public sealed record FiledReport(string UnitCode, Guid? OrganizationId, DateTimeOffset? FirstSubmittedAt);

/// <summary>An expected unit with its state, and when it first submitted.</summary>
public sealed record UnitTimeliness(ExpectedUnit Unit, UnitReportState State, DateTimeOffset? FirstSubmittedAt);

/// <summary>
/// Báo cáo đúng hạn / Report timeliness (the DHIS2 model): a report is on time when it was FIRST submitted before the
/// end of its due date in Vietnam's time (before (due_on + 1) 00:00 Asia/Ho_Chi_Minh), late when first submitted after,
/// and missing when never submitted. A report returned for correction and submitted again keeps its first submission:
/// correcting it does not make it late.
/// </summary>
public static class ReportTimeliness
{
    /// <summary>The instant the due date ends in Vietnam: submissions strictly before it are on time.</summary>
    public static DateTimeOffset EndOfDueDate(DateOnly dueOn) => VietnamTime.StartOfDay(dueOn.AddDays(1));

    public static bool IsOnTime(DateOnly dueOn, DateTimeOffset firstSubmittedAt) => firstSubmittedAt < EndOfDueDate(dueOn);

    public static UnitReportState StateOf(DateOnly dueOn, DateTimeOffset? firstSubmittedAt) =>
        firstSubmittedAt is not { } at ? UnitReportState.Missing : IsOnTime(dueOn, at) ? UnitReportState.OnTime : UnitReportState.Late;

    /// <summary>
    /// Each expected unit with its state. Only expected units count (tỷ lệ báo cáo = received ÷ expected): a report from a
    /// unit not in force on the due date (a commune merged away mid-period) counts for no one, so a merged unit is
    /// counted once, as the unit that replaced it. A member organization is matched by its id, an area by its code.
    /// </summary>
    public static IReadOnlyList<UnitTimeliness> Judge(DateOnly dueOn, IEnumerable<ExpectedUnit> expected, IEnumerable<FiledReport> filed)
    {
        var byKey = new Dictionary<string, FiledReport>();
        foreach (var report in filed)
        {
            byKey[KeyOf(report.UnitCode, report.OrganizationId)] = report;
        }

        return expected
            .DistinctBy(u => KeyOf(u.Code, u.OrganizationId))
            .Select(u =>
            {
                var at = byKey.GetValueOrDefault(KeyOf(u.Code, u.OrganizationId))?.FirstSubmittedAt;
                return new UnitTimeliness(u, StateOf(dueOn, at), at);
            })
            .ToList();
    }

    private static string KeyOf(string code, Guid? organizationId) => organizationId is { } id ? $"org:{id}" : $"area:{code}";
}

/// <summary>
/// Tỷ lệ báo cáo và tỷ lệ đúng hạn (reporting rate, on-time rate): expected, received (= on time + late), on time, late
/// and missing; the rates are fractions of the expected units (0 when none is expected), rounded to 4 decimals.
/// </summary>
public sealed record TimelinessFigures(int Expected, int Received, int OnTime, int Late, int Missing, decimal ReportingRate, decimal OnTimeRate)
{
    public static TimelinessFigures Of(IReadOnlyCollection<UnitTimeliness> units)
    {
        var onTime = units.Count(u => u.State == UnitReportState.OnTime);
        var late = units.Count(u => u.State == UnitReportState.Late);
        var expected = units.Count;
        return new TimelinessFigures(expected, onTime + late, onTime, late, expected - onTime - late,
            Rate(onTime + late, expected), Rate(onTime, expected));
    }

    private static decimal Rate(int part, int whole) => whole == 0 ? 0m : Math.Round((decimal)part / whole, 4);
}
