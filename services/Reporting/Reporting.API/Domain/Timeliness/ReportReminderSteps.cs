using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.Timeliness;

/// <summary>One announcement of a due date: its step code, when it falls, and the days left on the due date (negative: overdue).</summary>
public sealed record ReminderStep(string Code, DateTimeOffset At, int DaysLeft)
{
    public bool IsOverdue => DaysLeft < 0;
}

/// <summary>
/// Lịch nhắc hạn báo cáo (report reminder schedule): at 08:00 Vietnam time on D-7, D-3 and D-1 the units that have not
/// submitted are reminded (ReportDueSoon); at 08:00 on D+1 those still missing are reported overdue (ReportOverdue).
/// A step is due from its instant until the next step's (the overdue step: for <see cref="OverdueWindow"/>), so a worker
/// that was down announces the latest step only, never a stale one.
/// </summary>
public static class ReportReminderSteps
{
    public static readonly TimeOnly SendTime = new(8, 0);

    /// <summary>How long after D+1 08:00 an overdue step is still announced by a worker that was down.</summary>
    public static readonly TimeSpan OverdueWindow = TimeSpan.FromDays(7);

    public static IReadOnlyList<ReminderStep> For(DateOnly dueOn) =>
    [
        new("d7", At(dueOn.AddDays(-7)), 7),
        new("d3", At(dueOn.AddDays(-3)), 3),
        new("d1", At(dueOn.AddDays(-1)), 1),
        new("overdue", At(dueOn.AddDays(1)), -1),
    ];

    /// <summary>The step due at <paramref name="now"/>, if any.</summary>
    public static ReminderStep? DueAt(DateOnly dueOn, DateTimeOffset now)
    {
        var steps = For(dueOn);
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            if (now < steps[i].At)
            {
                continue;
            }

            var until = i + 1 < steps.Count ? steps[i + 1].At : steps[i].At + OverdueWindow;
            return now < until ? steps[i] : null;
        }

        return null;
    }

    private static DateTimeOffset At(DateOnly day) => VietnamTime.StartOfDay(day) + SendTime.ToTimeSpan();
}
