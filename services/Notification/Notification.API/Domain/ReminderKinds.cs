using DoanKetSangTao.Notification.API.Domain.Reminders;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>A unit that has not acted on a deadline, as registration named it at send time.</summary>
public sealed record LateUnit(Guid OrganizationId, string Name, string ProvinceCode, string? CommuneCode);

/// <summary>An officer to tell, as identity listed them.</summary>
public sealed record Officer(string AccountId, string FullName, string? Email, string? Phone);

/// <summary>
/// Nhắc hạn (<c>deadline_reminder</c>): D-7, D-3, D-1 to a unit that has not acted, in its inbox and to each of its
/// officers. Báo đơn vị trễ hạn (<c>deadline_overdue</c>): D+1 to a province's Front officers, the list of its late units.
/// Both are legal deadlines: a mute does not stop them.
/// </summary>
public static class ReminderKinds
{
    public const string DeadlineReminderKind = "deadline_reminder";
    public const string DeadlineOverdueKind = "deadline_overdue";

    /// <summary>"còn 3 ngày", or on the last day itself "hôm nay là ngày cuối".</summary>
    private const string Left = "{% if days_left == '0' %}hôm nay là ngày cuối{% else %}còn {{ days_left }} ngày{% endif %}";

    public static readonly NotificationKind DeadlineReminder = new(DeadlineReminderKind, NotificationCategories.LegalDeadline, "Nhắc hạn cho đơn vị chưa thực hiện",
        [
            new Placeholder("recipient_name", "Nguyễn Văn An", "Người nhận"),
            new Placeholder("unit_name", "Công đoàn Trường THCS Ba Đình", "Đơn vị chưa thực hiện"),
            new Placeholder("campaign", "Đợt thi đua sáng tạo năm 2026", "Đợt thi đua"),
            new Placeholder("deadline_kind", "Hạn nộp hồ sơ đề nghị công nhận", "Loại thời hạn"),
            new Placeholder("due_date", "14/01/2027", "Ngày cuối cùng (dd/mm/yyyy)"),
            new Placeholder("days_left", "3", "Số ngày còn lại"),
            new Placeholder("pending_action", "còn sáng kiến đã được xác nhận nhưng chưa nộp hồ sơ đề nghị công nhận", "Việc đơn vị chưa làm"),
        ],
        new Dictionary<string, TemplateText>
        {
            [NotificationChannels.InApp] = new("{{ deadline_kind }}: " + Left,
                "{{ deadline_kind }} của {{ campaign }} là hết ngày {{ due_date }} (" + Left + "). {{ unit_name }} {{ pending_action }}. "
                + "Vui lòng hoàn thành trước hạn."),
            [NotificationChannels.Email] = new("[Nhắc hạn] {{ deadline_kind }}: " + Left,
                "Kính gửi {{ recipient_name }},\n\n{{ deadline_kind }} của {{ campaign }} là hết ngày {{ due_date }} (" + Left + ").\n"
                + "Theo dữ liệu trên hệ thống, {{ unit_name }} {{ pending_action }}. Vui lòng hoàn thành trước hạn; sau thời hạn, "
                + "danh sách đơn vị chưa thực hiện được báo cáo cơ quan Mặt trận cấp tỉnh.\n\n"
                + "Trân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n"),
            [NotificationChannels.Sms] = new(null, "MTTQ nhac han: {{ unit_name }} con {{ days_left }} ngay, han cuoi {{ due_date }}. Xem ung dung Doan ket sang tao."),
        });

    public static readonly NotificationKind DeadlineOverdue = new(DeadlineOverdueKind, NotificationCategories.LegalDeadline, "Danh sách đơn vị trễ hạn",
        [
            new Placeholder("recipient_name", "Trần Thị Hoa", "Người nhận"),
            new Placeholder("campaign", "Đợt thi đua sáng tạo năm 2026", "Đợt thi đua"),
            new Placeholder("deadline_kind", "Hạn nộp hồ sơ đề nghị công nhận", "Loại thời hạn"),
            new Placeholder("due_date", "14/01/2027", "Ngày cuối cùng (dd/mm/yyyy)"),
            new Placeholder("late_count", "2", "Số đơn vị trễ hạn"),
            new Placeholder("late_units", "Công đoàn Trường THCS Ba Đình; Hội Nông dân xã Phú Xuân", "Tên các đơn vị trễ hạn"),
        ],
        new Dictionary<string, TemplateText>
        {
            [NotificationChannels.InApp] = new("{{ late_count }} đơn vị trễ hạn: {{ deadline_kind }}",
                "{{ deadline_kind }} của {{ campaign }} đã kết thúc hết ngày {{ due_date }}. Các đơn vị chưa thực hiện ({{ late_count }}): {{ late_units }}."),
            [NotificationChannels.Email] = new("[Trễ hạn] {{ late_count }} đơn vị chưa thực hiện: {{ deadline_kind }}",
                "Kính gửi {{ recipient_name }},\n\n{{ deadline_kind }} của {{ campaign }} đã kết thúc hết ngày {{ due_date }}.\n"
                + "Các đơn vị thuộc địa bàn chưa thực hiện ({{ late_count }}): {{ late_units }}.\n"
                + "Đề nghị đồng chí đôn đốc các đơn vị, hoặc mở lại thời hạn cho đơn vị có lý do chính đáng.\n\n"
                + "Trân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n"),
            [NotificationChannels.Sms] = new(null, "MTTQ: {{ late_count }} don vi tre han {{ due_date }}. Danh sach tren ung dung Doan ket sang tao."),
        });

    public static readonly IReadOnlyList<NotificationKind> Kinds = [DeadlineReminder, DeadlineOverdue];

    /// <summary>A reminder about <paramref name="unit"/>, for one recipient (the unit's inbox, or one of its officers).</summary>
    public static Notice Reminder(AnnouncedDeadline deadline, LateUnit unit, string recipientId, string recipientName, Contact contact, DateTimeOffset now) =>
        new(DeadlineReminderKind, recipientId, recipientName, contact, deadline.CampaignId, new Dictionary<string, string>
        {
            ["unit_name"] = unit.Name,
            ["campaign"] = deadline.CampaignName,
            ["deadline_kind"] = DeadlineKinds.NameOf(deadline.Kind),
            ["due_date"] = ReminderSchedule.LastDayText(deadline.DueBefore),
            ["days_left"] = ReminderSchedule.DaysLeft(deadline.DueBefore, now).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pending_action"] = DeadlineKinds.PendingActionOf(deadline.Kind),
        });

    /// <summary>The one D+1 notice to a Front officer: every late unit of their province, by name.</summary>
    public static Notice Overdue(AnnouncedDeadline deadline, Officer officer, IReadOnlyList<LateUnit> late) =>
        new(DeadlineOverdueKind, officer.AccountId, officer.FullName, new Contact(officer.Email, officer.Phone), deadline.CampaignId, new Dictionary<string, string>
        {
            ["campaign"] = deadline.CampaignName,
            ["deadline_kind"] = DeadlineKinds.NameOf(deadline.Kind),
            ["due_date"] = ReminderSchedule.LastDayText(deadline.DueBefore),
            ["late_count"] = late.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["late_units"] = string.Join("; ", late.Select(u => u.Name)),
        });
}
