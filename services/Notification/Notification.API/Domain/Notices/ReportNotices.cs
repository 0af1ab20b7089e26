using System.Globalization;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>A unit a report reminder concerns: its code or organization, and how a sentence names it.</summary>
public sealed record ReportUnit(string Code, Guid? OrganizationId, string Name);

/// <summary>
/// Nhắc hạn báo cáo định kỳ (report reminders, from reporting's ReportDueSoon / ReportOverdue / ReportReturned /
/// ReportAccepted): <c>report_due_soon</c> to the officers of each unit that has not submitted (D-7, D-3, D-1);
/// <c>report_overdue</c> to the late unit (D+1); <c>report_overdue_escalation</c> to the supervising officers one level up,
/// naming who is late; <c>report_returned</c> (with the reason) and <c>report_accepted</c> to the unit's officers. Due
/// and overdue are legal deadlines: a mute does not stop them.
/// </summary>
public static class ReportNotices
{
    public const string DueSoonKind = "report_due_soon";
    public const string OverdueKind = "report_overdue";
    public const string EscalationKind = "report_overdue_escalation";
    public const string ReturnedKind = "report_returned";
    public const string AcceptedKind = "report_accepted";

    private const string Signature = "\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n";

    /// <summary>"còn 3 ngày", or on the last day itself "hôm nay là ngày cuối".</summary>
    private const string Left = "{% if days_left == '0' %}hôm nay là ngày cuối{% else %}còn {{ days_left }} ngày{% endif %}";

    private static Placeholder RecipientName => new("recipient_name", "Nguyễn Văn An", "Người nhận (họ tên, hoặc \"Quý đơn vị\" cho hộp thư của đơn vị)");
    private static Placeholder Title => new("report_title", "Báo cáo sơ kết 6 tháng đầu năm 2026", "Tên mẫu báo cáo (kỳ báo cáo)");
    private static Placeholder LevelPlaceholder => new("level_name", "cấp xã", "Cấp báo cáo");
    private static Placeholder DueDate => new("due_date", "15/05/2026", "Hạn nộp, ngày cuối cùng (dd/mm/yyyy)");
    private static Placeholder UnitName => new("unit_name", "Ủy ban MTTQ Phường Ba Đình (mã 00004)", "Đơn vị báo cáo");

    public static readonly NotificationKind DueSoon = Kind(DueSoonKind, NotificationCategories.LegalDeadline, "Sắp đến hạn nộp báo cáo định kỳ",
        [Title, LevelPlaceholder, DueDate, UnitName, new("days_left", "3", "Số ngày còn lại")],
        "[Nhắc hạn] {{ report_title }}: " + Left,
        "{{ report_title }} ({{ level_name }}) phải nộp hết ngày {{ due_date }} (" + Left + "). Theo dữ liệu trên hệ thống, "
        + "{{ unit_name }} chưa nộp báo cáo. Vui lòng hoàn thành và nộp trước hạn.",
        "MTTQ nhac han: {{ report_title | khong_dau }} han cuoi {{ due_date }}, con {{ days_left }} ngay. Don vi chua nop bao cao.");

    public static readonly NotificationKind Overdue = Kind(OverdueKind, NotificationCategories.LegalDeadline, "Quá hạn nộp báo cáo định kỳ",
        [Title, LevelPlaceholder, DueDate, UnitName],
        "[Quá hạn] {{ report_title }} chưa được nộp",
        "{{ report_title }} ({{ level_name }}) đã hết hạn nộp vào cuối ngày {{ due_date }}, nhưng {{ unit_name }} chưa nộp báo cáo. "
        + "Vui lòng nộp ngay; danh sách đơn vị chưa nộp đã được báo cơ quan Mặt trận cấp trên.",
        "MTTQ: {{ report_title | khong_dau }} da qua han {{ due_date }}, don vi chua nop. De nghi nop ngay.");

    public static readonly NotificationKind Escalation = Kind(EscalationKind, NotificationCategories.LegalDeadline, "Danh sách đơn vị quá hạn nộp báo cáo",
        [Title, LevelPlaceholder, DueDate, new("late_count", "2", "Số đơn vị chưa nộp"), new("late_units", "Phường Ba Đình (00004); Xã Phú Xuân (00007)", "Các đơn vị chưa nộp")],
        "{{ late_count }} đơn vị chưa nộp: {{ report_title }}",
        "{{ report_title }} ({{ level_name }}) đã hết hạn nộp vào cuối ngày {{ due_date }}. Các đơn vị thuộc địa bàn chưa nộp "
        + "({{ late_count }}): {{ late_units }}. Đề nghị đồng chí đôn đốc các đơn vị nộp báo cáo.",
        "MTTQ: {{ late_count }} don vi chua nop {{ report_title | khong_dau }} (han {{ due_date }}). Danh sach tren ung dung Doan ket sang tao.");

    public static readonly NotificationKind Returned = Kind(ReturnedKind, NotificationCategories.Reports, "Báo cáo bị trả lại để chỉnh sửa",
        [Title, LevelPlaceholder, UnitName, new("reason", "Thiếu số liệu mô hình đã xây dựng.", "Lý do trả lại")],
        "Báo cáo bị trả lại: {{ report_title }}",
        "Báo cáo \"{{ report_title }}\" ({{ level_name }}) của {{ unit_name }} đã bị cấp trên trả lại để chỉnh sửa. Lý do: {{ reason }} "
        + "Vui lòng chỉnh sửa và nộp lại.",
        "MTTQ: bao cao {{ report_title | khong_dau }} bi tra lai de chinh sua. Xem ly do tren ung dung Doan ket sang tao.");

    public static readonly NotificationKind Accepted = Kind(AcceptedKind, NotificationCategories.Reports, "Báo cáo đã được tiếp nhận",
        [Title, LevelPlaceholder, UnitName],
        "Báo cáo đã được tiếp nhận: {{ report_title }}",
        "Báo cáo \"{{ report_title }}\" ({{ level_name }}) của {{ unit_name }} đã được cấp trên tiếp nhận.",
        "MTTQ: bao cao {{ report_title | khong_dau }} da duoc cap tren tiep nhan.");

    public static readonly IReadOnlyList<NotificationKind> Kinds = [DueSoon, Overdue, Escalation, Returned, Accepted];

    /// <summary>"cấp xã", "cấp tỉnh", "tổ chức thành viên": the reporting level as a sentence names it.</summary>
    public static string LevelName(string level) => level switch
    {
        "commune" => "cấp xã",
        "province" => "cấp tỉnh",
        "member_org" => "tổ chức thành viên",
        _ => level,
    };

    /// <summary>How a unit known only by its area code is named: the Front committee of its level, with the code.</summary>
    public static string AreaUnitName(string level, string code) =>
        level == "province" ? $"Ủy ban MTTQ cấp tỉnh (mã {code})" : $"Ủy ban MTTQ cấp xã (mã {code})";

    /// <summary>D-7, D-3, D-1: one officer (or the unit's inbox) of a unit that has not submitted.</summary>
    public static Notice DueSoonNotice(Officer to, ReportUnit unit, Guid templateId, string title, string level, DateOnly dueOn, int daysLeft) =>
        To(to, DueSoonKind, templateId, new()
        {
            ["report_title"] = title, ["level_name"] = LevelName(level), ["unit_name"] = unit.Name, ["due_date"] = Date(dueOn),
            ["days_left"] = daysLeft.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>D+1: one officer (or the inbox) of a unit still missing.</summary>
    public static Notice OverdueNotice(Officer to, ReportUnit unit, Guid templateId, string title, string level, DateOnly dueOn) =>
        To(to, OverdueKind, templateId, new()
        {
            ["report_title"] = title, ["level_name"] = LevelName(level), ["unit_name"] = unit.Name, ["due_date"] = Date(dueOn),
        });

    /// <summary>D+1: one supervising officer, every late unit of their area by name.</summary>
    public static Notice EscalationNotice(Officer to, IReadOnlyList<ReportUnit> late, Guid templateId, string title, string level, DateOnly dueOn) =>
        To(to, EscalationKind, templateId, new()
        {
            ["report_title"] = title, ["level_name"] = LevelName(level), ["due_date"] = Date(dueOn),
            ["late_count"] = late.Count.ToString(CultureInfo.InvariantCulture), ["late_units"] = string.Join("; ", late.Select(u => u.Name)),
        });

    public static Notice ReturnedNotice(Officer to, ReportUnit unit, Guid templateId, string title, string level, string reason) =>
        To(to, ReturnedKind, templateId, new()
        {
            ["report_title"] = title, ["level_name"] = LevelName(level), ["unit_name"] = unit.Name, ["reason"] = reason,
        });

    public static Notice AcceptedNotice(Officer to, ReportUnit unit, Guid templateId, string title, string level) =>
        To(to, AcceptedKind, templateId, new()
        {
            ["report_title"] = title, ["level_name"] = LevelName(level), ["unit_name"] = unit.Name,
        });

    private static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Notice To(Officer to, string kind, Guid subjectId, Dictionary<string, string> values) =>
        new(kind, to.AccountId, to.FullName, new Contact(to.Email, to.Phone), subjectId, values);

    private static NotificationKind Kind(string code, string category, string name, Placeholder[] placeholders, string subject, string body, string sms) =>
        new(code, category, name, [RecipientName, .. placeholders],
            new Dictionary<string, TemplateText>
            {
                [NotificationChannels.InApp] = new(subject, body),
                [NotificationChannels.Email] = new(subject, "Kính gửi {{ recipient_name }},\n\n" + body + Signature),
                [NotificationChannels.Sms] = new(null, sms),
            });
}
