namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Nhóm thông báo: what a person sets preferences for. Account security and legal deadlines are critical: a mute of
/// theirs is ignored, because missing them costs the person their account or their right.
/// </summary>
public static class NotificationCategories
{
    public const string Registration = "registration";
    public const string Appraisal = "appraisal";
    public const string Awards = "awards";
    public const string Reports = "reports";
    public const string Conferences = "conferences";
    public const string Reminders = "reminders";
    public const string AccountSecurity = "account_security";
    public const string LegalDeadline = "legal_deadline";

    public static readonly IReadOnlyList<string> All = [Registration, Appraisal, Awards, Reports, Conferences, Reminders, AccountSecurity, LegalDeadline];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category);

    /// <summary>Cannot be muted.</summary>
    public static bool IsCritical(string category) => category is AccountSecurity or LegalDeadline;

    public static string NameOf(string category) => category switch
    {
        Registration => "Đăng ký sáng kiến",
        Appraisal => "Thẩm định",
        Awards => "Khen thưởng",
        Reports => "Báo cáo",
        Conferences => "Hội nghị sơ kết, tổng kết",
        Reminders => "Nhắc việc",
        AccountSecurity => "An toàn tài khoản",
        LegalDeadline => "Thời hạn theo quy định",
        _ => category,
    };
}
