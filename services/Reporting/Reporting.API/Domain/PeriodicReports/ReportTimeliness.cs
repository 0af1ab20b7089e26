using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>
/// Nộp đúng hạn (on-time submission). A due date "15/05" is the last day in Vietnam's time: a report is on time when
/// first submitted before 16/05 00:00 Asia/Ho_Chi_Minh. A late report is still accepted and counted late (as DHIS2
/// does), never refused: the level above needs the figures more than it needs the refusal. Judged on the first
/// submission, so a report returned for correction and submitted again later keeps its timeliness.
/// </summary>
public static class ReportTimeliness
{
    /// <summary>The first instant that is late for <paramref name="dueOn"/>.</summary>
    public static DateTimeOffset LateFrom(DateOnly dueOn) => VietnamTime.StartOfDay(dueOn.AddDays(1));

    /// <summary>On time when submitted before the due day ends in Vietnam; with no due date set, nothing is late.</summary>
    public static bool IsOnTime(DateTimeOffset firstSubmittedAt, DateOnly? dueOn) =>
        dueOn is not { } due || firstSubmittedAt < LateFrom(due);
}
