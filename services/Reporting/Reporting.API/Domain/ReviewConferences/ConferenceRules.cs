using System.Net.Mail;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.ReviewConferences;

/// <summary>Loại hội nghị: sơ kết (a mid-term review) or tổng kết (the final review).</summary>
public static class ConferenceKinds
{
    public const string SoKet = "so_ket";
    public const string TongKet = "tong_ket";

    public static bool IsKnown(string? kind) => kind is SoKet or TongKet;

    public static string NameOf(string kind) => kind == SoKet ? "Hội nghị sơ kết" : "Hội nghị tổng kết";
}

/// <summary>Trạng thái tham luận: assigned (not sent, still in time), submitted (sent in time), late (sent after the due day, or not sent and past it).</summary>
public static class ContributionStatuses
{
    public const string Assigned = "assigned";
    public const string Submitted = "submitted";
    public const string Late = "late";
}

/// <summary>Người/tập thể được đề nghị khen thưởng tại hội nghị.</summary>
public static class NomineeKinds
{
    public const string Individual = "individual";
    public const string Collective = "collective";

    public static bool IsKnown(string? kind) => kind is Individual or Collective;
}

/// <summary>
/// Quy tắc hội nghị sơ kết, tổng kết (review conference rules, seed 004): limits of what a plan holds, when a contribution
/// (tham luận) is on time, and which reminder step (D-3, D-1) is due.
/// </summary>
public static class ConferenceRules
{
    public const int MaxTitle = 300;
    public const int MaxPlace = 300;
    public const int MaxName = 200;
    public const int MaxTopic = 1000;
    public const int MaxAchievement = 2000;
    public const int MaxDescription = 1000;
    public const int MaxParticipants = 100;
    public const int MaxOrganizations = 200;
    public const int MaxQuota = 50;
    public const int MaxPageLimit = 100;
    public const int MaxQuantity = 10_000;
    public const int MaxFilesPerContribution = 10;

    /// <summary>The reminder steps, days before the due day: D-3 and D-1 (docs/reporting.md).</summary>
    public static readonly IReadOnlyList<int> ReminderSteps = [3, 1];

    /// <summary>NFC, trimmed, single line, within the length; null when empty or too long.</summary>
    public static string? Text(string? value, int max, bool multiline = false) =>
        VietnameseText.TryNormalize(value, multiline) is { Length: > 0 } text && text.Length <= max ? text : null;

    /// <summary>An e-mail address as written, or null when it is not one.</summary>
    public static string? Email(string? value)
    {
        var trimmed = value?.Trim();
        // MailAddress admits invisible and bidi characters in the local part; an address that shows one way and routes another is refused.
        return trimmed is { Length: > 0 and <= 254 } && VietnameseText.TryNormalize(trimmed) == trimmed
            && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed ? trimmed : null;
    }

    /// <summary>
    /// A contribution's status: due "20/10" means on time until the end of 20 October in Vietnam, judged on the first
    /// file's arrival (a later file does not make it late).
    /// </summary>
    public static string StatusOf(DateOnly dueOn, DateTimeOffset? submittedAt, DateTimeOffset now)
    {
        var closes = VietnamTime.ClosesBefore(dueOn.AddDays(1));
        return submittedAt is { } at
            ? at < closes ? ContributionStatuses.Submitted : ContributionStatuses.Late
            : now < closes ? ContributionStatuses.Assigned : ContributionStatuses.Late;
    }

    /// <summary>
    /// The reminder step due today (Vietnam's day) for a contribution due on <paramref name="dueOn"/>: D-3 from three days
    /// before, D-1 from the day before until the due day ends; none before or after. A contribution assigned two days
    /// before its due day gets the D-3 step at once (it is "three days or fewer" away), then D-1.
    /// </summary>
    public static int? ReminderStepOn(DateOnly dueOn, DateOnly today)
    {
        var daysLeft = dueOn.DayNumber - today.DayNumber;
        return daysLeft switch
        {
            < 0 => null,
            <= 1 => 1,
            <= 3 => 3,
            _ => null,
        };
    }

    /// <summary>Today in Vietnam.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime);
}
