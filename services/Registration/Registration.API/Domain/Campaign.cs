using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>Đợt thi đua: a year (within a phase such as 2023–2025) for a scope, a province or national.</summary>
public sealed class Campaign
{
    /// <summary>The scope code of a deadline that applies to the whole campaign.</summary>
    public const string WholeCampaign = "VN";

    public Guid Id { get; init; }

    public int Year { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>Null for a national campaign.</summary>
    public string? ProvinceCode { get; init; }

    public int? PhaseStartYear { get; init; }

    public int? PhaseEndYear { get; init; }

    public bool Covers(string provinceCode) => ProvinceCode is null || ProvinceCode == provinceCode;
}

/// <summary>Các mốc thời hạn of a campaign (domain.md, "The yearly cycle").</summary>
public static class DeadlineKind
{
    public const string Registration = "registration";
    public const string Dossier = "dossier";
    public const string Appraisal = "appraisal";
    public const string Honouring = "honouring";
    public const string HalfYearReport = "report_half_year";
    public const string AnnualReport = "report_annual";

    public static readonly Catalog All = new("Loại thời hạn",
    [
        (Registration, "Hạn đăng ký sáng kiến (Mẫu 1, Mẫu 2)"),
        (Dossier, "Hạn nộp hồ sơ đề nghị công nhận"),
        (Appraisal, "Hạn thẩm định, công nhận"),
        (Honouring, "Hội nghị biểu dương, tôn vinh"),
        (HalfYearReport, "Hạn báo cáo 6 tháng"),
        (AnnualReport, "Hạn báo cáo năm"),
    ]);

    /// <summary>The windows an officer can reopen for one organization.</summary>
    public static readonly IReadOnlySet<string> Reopenable = new HashSet<string>(StringComparer.Ordinal) { Registration, Dossier };

    /// <summary>Deadlines fall in the campaign's year or early the next (registration before 15 January, say); the problem in words, or null.</summary>
    public static string? Check(string kind, DateOnly due, int year)
    {
        if (!All.IsKnown(kind))
        {
            return $"Loại thời hạn phải là một trong: {All.Choices()}.";
        }

        return due.Year < year || due.Year > year + 1
            ? $"{All.NameOf(kind)} phải là một ngày trong năm {year} hoặc năm {year + 1}."
            : null;
    }
}

/// <summary>One deadline: "trước ngày 15/01/2027" closes when 15 January 2027 begins in Vietnam.</summary>
public sealed record CampaignDeadline(string Kind, string ScopeCode, DateOnly DueBefore)
{
    public DateTimeOffset ClosesAt => VietnamTime.ClosesBefore(DueBefore);

    /// <summary>The last day a person can still act, as they read it: 14/01/2027.</summary>
    public string LastDay => DueBefore.AddDays(-1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Mở lại thời hạn: a window reopened for one organization, with its reason.</summary>
public sealed record DeadlineExtension(string Kind, Guid OrganizationId, DateOnly DueBefore, string Reason)
{
    public DateTimeOffset ClosesAt => VietnamTime.ClosesBefore(DueBefore);
}

/// <summary>What decides whether one organization's <paramref name="Kind"/> window is open: the deadlines of the kind, and its extensions.</summary>
public sealed record CampaignWindow(string Kind, IReadOnlyList<CampaignDeadline> Deadlines, IReadOnlyList<DeadlineExtension> Extensions)
{
    /// <summary>Null when the window is open for an organization in <paramref name="provinceCode"/>; see <see cref="CampaignWindows.Check"/>.</summary>
    public DoanKetSangTao.Domain.Refusal? ClosedFor(Campaign campaign, string provinceCode, DateTimeOffset now) =>
        CampaignWindows.Check(campaign, Kind, provinceCode, Deadlines, Extensions, now);
}

/// <summary>
/// Which deadline binds an organization in a province, and whether its window is open. A province's own
/// deadline overrides the campaign-wide one; an extension for the organization keeps the window open longer.
/// </summary>
public static class CampaignWindows
{
    public static CampaignDeadline? Effective(IEnumerable<CampaignDeadline> deadlines, string kind, string provinceCode)
    {
        var ofKind = deadlines.Where(d => d.Kind == kind).ToList();
        return ofKind.FirstOrDefault(d => d.ScopeCode == provinceCode) ?? ofKind.FirstOrDefault(d => d.ScopeCode == Campaign.WholeCampaign);
    }

    /// <summary>
    /// Null when the <paramref name="kind"/> window is open for an organization in <paramref name="provinceCode"/>;
    /// otherwise 409 <c>registration_closed</c> or <c>dossier_closed</c>, with the message a late person sees.
    /// </summary>
    public static Refusal? Check(
        Campaign campaign, string kind, string provinceCode, IEnumerable<CampaignDeadline> deadlines, IEnumerable<DeadlineExtension> extensions, DateTimeOffset now) =>
        ClosedMessage(campaign, Effective(deadlines, kind, provinceCode), extensions, now) is { } message
            ? DoanKetSangTao.Domain.Refusal.Conflict(kind == DeadlineKind.Registration ? "registration_closed" : "dossier_closed", message)
            : null;

    /// <summary>Null when the window is open; otherwise the message a late person sees.</summary>
    public static string? ClosedMessage(Campaign campaign, CampaignDeadline? deadline, IEnumerable<DeadlineExtension> extensions, DateTimeOffset now)
    {
        if (deadline is null)
        {
            // A campaign without this deadline set has no limit for it: the officer decides when to set one.
            return null;
        }

        if (now < deadline.ClosesAt || extensions.Any(e => e.Kind == deadline.Kind && now < e.ClosesAt))
        {
            return null;
        }

        var what = deadline.Kind == DeadlineKind.Registration ? "đăng ký sáng kiến" : "nộp hồ sơ đề nghị công nhận";
        return $"Đã hết hạn {what} của {campaign.Name}: hạn cuối là hết ngày {deadline.LastDay}. " +
               "Nếu có lý do chính đáng, vui lòng đề nghị cơ quan Mặt trận phụ trách mở lại thời hạn cho đơn vị.";
    }
}
