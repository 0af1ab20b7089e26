using System.Globalization;
using DoanKetSangTao.Contracts.IntegrationEvents;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>An officer of an invited organization, as identity lists them when a conference notice is sent.</summary>
public sealed record OrganizationOfficer(Guid OrganizationId, string AccountId, string FullName, string? Email, string? Phone);

/// <summary>
/// Hội nghị sơ kết, tổng kết (review conferences, reporting's events): each invited organization is told in its inbox and
/// through each of its officers; each participant the host invited by name with an e-mail is told by e-mail (an inbox
/// under the address). The invitation, an update (new date, time or place), a cancellation, and the D-3 / D-1 reminder of
/// a contribution (tham luận) not yet sent.
/// </summary>
public static partial class Notices
{
    /// <summary>Giấy mời hội nghị.</summary>
    public const string ConferenceInvitationKind = "conference_invitation";

    /// <summary>Hội nghị dời lịch / đổi địa điểm.</summary>
    public const string ConferenceUpdatedKind = "conference_updated";

    /// <summary>Hội nghị bị hủy.</summary>
    public const string ConferenceCancelledKind = "conference_cancelled";

    /// <summary>Nhắc hạn gửi tham luận (D-3, D-1).</summary>
    public const string ConferenceContributionDueKind = "conference_contribution_due";

    private static Placeholder ConferenceTitle => new("conference_title", "Hội nghị tổng kết phong trào “Đoàn kết sáng tạo”", "Tên hội nghị");
    private static Placeholder ConferenceKindName => new("conference_kind_name", "Hội nghị tổng kết", "Hội nghị sơ kết hoặc tổng kết");
    private static Placeholder StartsAt => new("starts_at", "08:00 28/10/2026", "Thời gian hội nghị (giờ Việt Nam)");
    private static Placeholder Place => new("place", "Phòng họp cơ quan Mặt trận – đoàn thể, số 99 Hùng Vương", "Địa điểm");
    private static Placeholder HostName => new("host_name", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", "Cơ quan tổ chức");

    private static IReadOnlyList<NotificationKind> ConferenceKinds =>
    [
        Kind(ConferenceInvitationKind, NotificationCategories.Conferences, "Giấy mời hội nghị sơ kết, tổng kết",
            [ConferenceKindName, ConferenceTitle, StartsAt, Place, HostName, NextStep],
            "Giấy mời: {{ conference_title }}",
            "{{ host_name }} trân trọng kính mời Quý đơn vị, Quý đại biểu dự {{ conference_title }}.\nThời gian: {{ starts_at }}.\nĐịa điểm: {{ place }}.\n"
            + "Bước tiếp theo: {{ next_step }}",
            "Moi du {{ conference_kind_name }} luc {{ starts_at }}. Chi tiet trong ung dung Doan ket sang tao."),
        Kind(ConferenceUpdatedKind, NotificationCategories.Conferences, "Hội nghị thay đổi thời gian, địa điểm",
            [ConferenceKindName, ConferenceTitle, StartsAt, Place, HostName],
            "Thay đổi thời gian, địa điểm: {{ conference_title }}",
            "{{ host_name }} thông báo {{ conference_title }} chuyển sang:\nThời gian: {{ starts_at }}.\nĐịa điểm: {{ place }}.\nRất mong Quý đơn vị, Quý đại biểu thu xếp tham dự.",
            "{{ conference_kind_name }} doi sang {{ starts_at }}. Chi tiet trong ung dung Doan ket sang tao."),
        Kind(ConferenceCancelledKind, NotificationCategories.Conferences, "Hội nghị bị hủy",
            [ConferenceKindName, ConferenceTitle, StartsAt, HostName, new("reason", "Trùng lịch hội nghị của Tỉnh ủy", "Lý do hủy")],
            "Hủy hội nghị: {{ conference_title }}",
            "{{ host_name }} thông báo hủy {{ conference_title }} (dự kiến {{ starts_at }}).\nLý do: {{ reason }}.\nXin lỗi Quý đơn vị, Quý đại biểu vì sự thay đổi này.",
            "{{ conference_kind_name }} ngay {{ starts_at }} da bi huy. Chi tiet trong ung dung Doan ket sang tao."),
        Kind(ConferenceContributionDueKind, NotificationCategories.Conferences, "Nhắc hạn gửi tham luận",
            [ConferenceTitle, new("topic", "Cách làm hay gắn với phong trào xây dựng người Phụ nữ Việt Nam thời đại mới", "Chủ đề tham luận"),
                new("page_limit", "3", "Số trang tối đa"), new("due_on", "20/10/2026", "Hạn gửi (hết ngày, giờ Việt Nam)"),
                new("days_left", "3", "Số ngày còn lại"), NextStep],
            "Còn {{ days_left }} ngày: gửi tham luận cho {{ conference_title }}",
            "Quý đơn vị được giao tham luận “{{ topic }}” (không quá {{ page_limit }} trang) cho {{ conference_title }}. Hạn gửi: hết ngày {{ due_on }}.\n"
            + "Bước tiếp theo: {{ next_step }}",
            "Han gui tham luan {{ due_on }} (con {{ days_left }} ngay). Vui long gui tep trong ung dung."),
    ];

    public static IEnumerable<Notice> ConferenceInvited(ReviewConferenceInvited invited, IReadOnlyList<OrganizationOfficer> officers) =>
        ToInvitees(invited.Organizations, invited.Participants, officers, ConferenceInvitationKind, invited.ConferenceId, Values(
            ("conference_kind_name", ConferenceKindNameOf(invited.Kind)), ("conference_title", invited.Title), ("starts_at", DateTime(invited.StartsAt)),
            ("place", invited.Place), ("host_name", invited.HostName),
            ("next_step", "Xem kế hoạch hội nghị trong ứng dụng: chuẩn bị tham luận, sản phẩm trưng bày và đề nghị khen thưởng (nếu được giao), cử đại diện tham dự.")));

    public static IEnumerable<Notice> ConferenceChanged(ReviewConferenceChanged changed, IReadOnlyList<OrganizationOfficer> officers) =>
        ToInvitees(changed.Organizations, changed.Participants, officers,
            changed.Change == "cancelled" ? ConferenceCancelledKind : ConferenceUpdatedKind, changed.ConferenceId, Values(
                ("conference_kind_name", ConferenceKindNameOf(changed.Kind)), ("conference_title", changed.Title), ("starts_at", DateTime(changed.StartsAt)),
                ("place", changed.Place), ("host_name", changed.HostName), ("reason", changed.Reason)));

    public static IEnumerable<Notice> ContributionDue(ConferenceContributionDueSoon due, IReadOnlyList<OrganizationOfficer> officers) =>
        ToInvitees([new ConferenceInvitee(due.OrganizationId, due.OrganizationName)], [], officers, ConferenceContributionDueKind, due.ContributionId, Values(
            ("conference_title", due.ConferenceTitle), ("topic", due.Topic), ("page_limit", due.PageLimit.ToString(CultureInfo.InvariantCulture)),
            ("due_on", Date(due.DueOn)), ("days_left", due.DaysLeft.ToString(CultureInfo.InvariantCulture)),
            ("next_step", "Gửi tệp tham luận trong mục Hội nghị sơ kết, tổng kết của ứng dụng trước khi hết hạn.")));

    private static string ConferenceKindNameOf(string kind) => kind == "so_ket" ? "Hội nghị sơ kết" : "Hội nghị tổng kết";

    /// <summary>Each organization's inbox and officers (a person once per organization), then each participant with an e-mail (once per address).</summary>
    private static IEnumerable<Notice> ToInvitees(
        IReadOnlyList<ConferenceInvitee> organizations, IReadOnlyList<ConferenceParticipant> participants, IReadOnlyList<OrganizationOfficer> officers,
        string kind, Guid subjectId, Dictionary<string, string> values)
    {
        foreach (var organization in organizations.DistinctBy(o => o.OrganizationId))
        {
            yield return new Notice(kind, Inbox.OfUnit(organization.OrganizationId), organization.Name, Contact.None, subjectId, values);
            foreach (var officer in officers.Where(o => o.OrganizationId == organization.OrganizationId).DistinctBy(o => o.AccountId))
            {
                yield return new Notice(kind, officer.AccountId, officer.FullName, new Contact(officer.Email, officer.Phone), subjectId, values);
            }
        }

        foreach (var participant in participants.Where(p => !string.IsNullOrWhiteSpace(p.Email)).DistinctBy(p => p.Email!.ToLowerInvariant()))
        {
            yield return To(new Addressee(InboxOf(null, participant.Email!), participant.Name, participant.Email), kind, subjectId, values);
        }
    }
}
