using System.Globalization;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain.Reminders;

/// <summary>A campaign deadline as registration announced it (<c>CampaignDeadlineSet</c>): for a scope, or for one unit whose window was reopened.</summary>
public sealed record AnnouncedDeadline(Guid CampaignId, string CampaignName, string Kind, string ScopeCode, Guid? OrganizationId, DateOnly DueBefore);

/// <summary>One step of a deadline's schedule: when it fires, and whether it is skipped (already past when announced).</summary>
public sealed record PlannedStep(string Step, DateTimeOffset FireAt, bool Skipped);

/// <summary>
/// Lịch nhắc hạn: a deadline "trước ngày 15/01" has 14/01 as its last day (D). Reminders go at 08:00 Vietnam time on
/// D-7, D-3 and D-1 to the units that have not acted; on D+1 (the morning after the window closed) the province's Front
/// officers get the list of units that are late. A step whose time had already passed when the deadline was announced
/// (or moved) is skipped, except the latest of them when it passed less than a day ago: an officer who sets a deadline
/// three days ahead at 10:00 expects the D-3 reminder now, not nothing.
/// </summary>
public static class ReminderSchedule
{
    public const string SevenDays = "d-7";
    public const string ThreeDays = "d-3";
    public const string OneDay = "d-1";
    public const string Overdue = "d+1";

    /// <summary>Each step and its day relative to the last day (D).</summary>
    public static readonly IReadOnlyList<(string Step, int Offset)> Steps = [(SevenDays, -7), (ThreeDays, -3), (OneDay, -1), (Overdue, 1)];

    /// <summary>The hour, Vietnam time, every step fires at: the start of an office day.</summary>
    public static readonly TimeSpan FireTimeOfDay = TimeSpan.FromHours(8);

    /// <summary>How late the latest past step may still go out when a deadline is announced.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromDays(1);

    /// <summary>
    /// Nhắc hạn theo dõi được: the deadlines whose owner knows who acted: registration (registration and dossier windows)
    /// and appraisal (scoring). Honouring and report deadlines are stored but not reminded of (docs/notification-reminders.md).
    /// </summary>
    public static bool IsTracked(string kind) => kind is DeadlineKinds.Registration or DeadlineKinds.Dossier or DeadlineKinds.Appraisal;

    /// <summary>The last day a unit can act: the day before "trước ngày".</summary>
    public static DateOnly LastDay(DateOnly dueBefore) => dueBefore.AddDays(-1);

    public static DateTimeOffset FireTime(DateOnly dueBefore, int offset) => VietnamTime.StartOfDay(LastDay(dueBefore).AddDays(offset)) + FireTimeOfDay;

    /// <summary>
    /// The schedule of a deadline announced at <paramref name="now"/>. <paramref name="alreadySent"/> are the steps that
    /// went out for an earlier date of the same deadline: a moved deadline does not repeat a step at once.
    /// </summary>
    public static IReadOnlyList<PlannedStep> Plan(DateOnly dueBefore, DateTimeOffset now, IReadOnlySet<string> alreadySent)
    {
        var planned = Steps.Select(s => (s.Step, FireAt: FireTime(dueBefore, s.Offset))).ToList();
        var latestPast = planned.Where(s => s.FireAt <= now).Select(s => s.Step).LastOrDefault();
        return planned.Select(s => new PlannedStep(s.Step, s.FireAt,
            s.FireAt <= now && (s.Step != latestPast || now - s.FireAt >= CatchUp || alreadySent.Contains(s.Step)))).ToList();
    }

    /// <summary>Days from today (Vietnam) to the last day, at least 0.</summary>
    public static int DaysLeft(DateOnly dueBefore, DateTimeOffset now) =>
        Math.Max(0, LastDay(dueBefore).DayNumber - DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime).DayNumber);

    /// <summary>The last day as people read it: 14/01/2027.</summary>
    public static string LastDayText(DateOnly dueBefore) => LastDay(dueBefore).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

/// <summary>Các loại thời hạn of a campaign, as registration names them, with what a reminder says about each.</summary>
public static class DeadlineKinds
{
    public const string Registration = "registration";
    public const string Dossier = "dossier";
    public const string Appraisal = "appraisal";
    public const string Honouring = "honouring";
    public const string HalfYearReport = "report_half_year";
    public const string AnnualReport = "report_annual";

    public static string NameOf(string kind) => kind switch
    {
        Registration => "Hạn đăng ký sáng kiến",
        Dossier => "Hạn nộp hồ sơ đề nghị công nhận",
        Appraisal => "Hạn thẩm định, công nhận",
        Honouring => "Hội nghị biểu dương, tôn vinh",
        HalfYearReport => "Hạn báo cáo 6 tháng",
        AnnualReport => "Hạn báo cáo năm",
        _ => kind,
    };

    /// <summary>What the unit has not done yet.</summary>
    public static string PendingActionOf(string kind) => kind switch
    {
        Registration => "chưa đăng ký sáng kiến nào",
        Dossier => "còn sáng kiến đã được xác nhận nhưng chưa nộp hồ sơ đề nghị công nhận",
        Appraisal => "còn hồ sơ được phân công chưa nộp phiếu chấm",
        _ => "chưa hoàn thành",
    };
}
