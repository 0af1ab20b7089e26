namespace DoanKetSangTao.Reporting.API.Domain.Statistics;

/// <summary>
/// Where a date range is read from: the whole months inside it from the monthly cube, the days at either end that do not make a
/// whole month from the facts (so a range such as 16/11 – 15/05, a 6-month report's, is exact to the day and still fast).
/// </summary>
public static class StatisticsRanges
{
    /// <summary>
    /// The whole months in <paramref name="range"/> as first days [From, ToExclusive), or null when none; and the day ranges
    /// left over (none, one or two). With <paramref name="factsOnly"/> the whole range is read from the facts.
    /// </summary>
    public static ((DateOnly From, DateOnly ToExclusive)? Months, IReadOnlyList<DayRange> Days) Split(DayRange range, bool factsOnly)
    {
        if (factsOnly)
        {
            return (null, [range]);
        }

        var firstMonth = range.From.Day == 1 ? range.From : new DateOnly(range.From.Year, range.From.Month, 1).AddMonths(1);
        var afterEnd = range.To.AddDays(1);
        var endMonth = new DateOnly(afterEnd.Year, afterEnd.Month, 1);
        if (firstMonth >= endMonth)
        {
            return (null, [range]);
        }

        var days = new List<DayRange>();
        if (range.From < firstMonth)
        {
            days.Add(new DayRange(range.From, firstMonth.AddDays(-1)));
        }

        if (endMonth <= range.To)
        {
            days.Add(new DayRange(endMonth, range.To));
        }

        return ((firstMonth, endMonth), days);
    }
}
