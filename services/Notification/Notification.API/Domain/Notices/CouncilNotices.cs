using DoanKetSangTao.Contracts.IntegrationEvents;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// What the councils' people are told: the secretaries, of each case that reaches their council (new, resubmitted after a
/// return, nominated from the council below), since they screen it; the members, of each case assigned to them.
/// </summary>
public static partial class Notices
{
    /// <summary>Hồ sơ mới đến hội đồng, to its secretaries.</summary>
    public const string AppraisalCaseOpenedKind = "appraisal_case_opened";

    /// <summary>Hồ sơ nộp lại sau khi bổ sung, to the council's secretaries.</summary>
    public const string AppraisalCaseResubmittedKind = "appraisal_case_resubmitted";

    /// <summary>Hồ sơ được hội đồng cấp dưới đề cử, to the secretaries of the council above.</summary>
    public const string AppraisalCaseNominatedKind = "appraisal_case_nominated";

    /// <summary>Phân công chấm, to a council member.</summary>
    public const string AppraisalCaseAssignedKind = "appraisal_case_assigned";

    private static Placeholder CouncilName => new("council_name", "Hội đồng thẩm định sáng kiến thành phố Hà Nội", "Tên hội đồng");

    private static IReadOnlyList<NotificationKind> CouncilKinds =>
    [
        Kind(AppraisalCaseOpenedKind, NotificationCategories.Appraisal, "Hồ sơ mới đến hội đồng",
            [CouncilName, InitiativeTitle, LevelNamePlaceholder, new("opened_at", "08:00 06/12/2026", "Thời điểm hồ sơ đến hội đồng"), NextStep],
            "Hồ sơ mới: “{{ initiative_title }}”",
            "{{ council_name }} vừa nhận hồ sơ đề nghị công nhận sáng kiến “{{ initiative_title }}” lúc {{ opened_at }}.\nBước tiếp theo: {{ next_step }}",
            "Hoi dong vua nhan ho so moi \"{{ initiative_title }}\". Vui long so loai."),
        Kind(AppraisalCaseResubmittedKind, NotificationCategories.Appraisal, "Hồ sơ nộp lại sau khi bổ sung",
            [CouncilName, InitiativeTitle, LevelNamePlaceholder, new("dossier_version", "2", "Lần nộp"),
                new("opened_at", "08:00 06/12/2026", "Thời điểm hồ sơ nộp lại đến hội đồng"), NextStep],
            "Hồ sơ nộp lại (lần {{ dossier_version }}): “{{ initiative_title }}”",
            "Tác giả đã bổ sung và nộp lại hồ sơ sáng kiến “{{ initiative_title }}” (lần {{ dossier_version }}) cho {{ council_name }} lúc {{ opened_at }}.\n"
            + "Bước tiếp theo: {{ next_step }}",
            "Ho so \"{{ initiative_title }}\" da duoc nop lai (lan {{ dossier_version }}). Vui long so loai lai."),
        Kind(AppraisalCaseNominatedKind, NotificationCategories.Appraisal, "Hồ sơ được đề cử từ cấp dưới",
            [CouncilName, InitiativeTitle, LevelNamePlaceholder, new("from_level_name", "cấp tỉnh", "Cấp của hội đồng đề cử"),
                new("opened_at", "08:00 06/12/2026", "Thời điểm hồ sơ đến hội đồng"), NextStep],
            "Hồ sơ được đề cử từ hội đồng {{ from_level_name }}: “{{ initiative_title }}”",
            "Hội đồng thẩm định sáng kiến {{ from_level_name }} đã đề cử sáng kiến “{{ initiative_title }}” lên {{ council_name }} lúc {{ opened_at }}.\n"
            + "Bước tiếp theo: {{ next_step }}",
            "Hoi dong {{ from_level_name }} de cu sang kien \"{{ initiative_title }}\". Vui long so loai."),
        Kind(AppraisalCaseAssignedKind, NotificationCategories.Appraisal, "Phân công chấm hồ sơ",
            [CouncilName, InitiativeTitle, new("assigned_on", "07/12/2026", "Ngày phân công"), NextStep],
            "Phân công chấm hồ sơ “{{ initiative_title }}”",
            "Ngày {{ assigned_on }}, {{ council_name }} đã phân công bạn thẩm định hồ sơ sáng kiến “{{ initiative_title }}”.\nBước tiếp theo: {{ next_step }}",
            "Ban duoc phan cong cham ho so \"{{ initiative_title }}\". Vui long dang nhap de cham diem."),
    ];

    /// <summary>
    /// A case reached a council: each of its secretaries is told, worded by how it came (nominated from below, resubmitted
    /// after a return, new). Events older than the secretaries' list tell no one.
    /// </summary>
    public static IEnumerable<Notice> CaseOpened(AppraisalCaseOpened opened)
    {
        var (kind, next) = opened.NominatedFromLevel is not null
            ? (AppraisalCaseNominatedKind, "Kiểm tra hồ sơ được đề cử, phân công thành viên chấm và đưa vào phiên họp của hội đồng.")
            : opened.DossierVersion > 1
                ? (AppraisalCaseResubmittedKind, "Sơ loại lại hồ sơ đã bổ sung: tiếp nhận, trả để bổ sung hoặc loại (có căn cứ).")
                : (AppraisalCaseOpenedKind, "Sơ loại hồ sơ: tiếp nhận, trả để bổ sung hoặc loại (có căn cứ), rồi phân công thành viên chấm.");
        return (opened.Secretaries ?? []).DistinctBy(s => s.UserId).Select(s => To(new Addressee(s.UserId, s.FullName, s.Email), kind, opened.CaseId, Values(
            ("council_name", opened.CouncilName ?? $"Hội đồng thẩm định sáng kiến {LevelName(opened.CouncilLevel)}"),
            ("initiative_title", opened.Title ?? "(chưa rõ tên)"), ("level_name", LevelName(opened.CouncilLevel)),
            ("from_level_name", LevelName(opened.NominatedFromLevel)),
            ("dossier_version", opened.DossierVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("opened_at", DateTime(opened.OccurredAt)), ("next_step", next))));
    }

    /// <summary>Thông báo phân công chấm: tells a council member that a case awaits their score.</summary>
    public static Notice CaseAssigned(AppraisalCaseAssigned assigned) =>
        To(new Addressee(assigned.UserId, assigned.FullName, assigned.Email), AppraisalCaseAssignedKind, assigned.CaseId, Values(
            ("council_name", assigned.CouncilName), ("initiative_title", assigned.Title), ("assigned_on", Date(assigned.OccurredAt)),
            ("next_step", "Đăng nhập để xem hồ sơ, khai báo nếu có xung đột lợi ích, và chấm điểm theo bộ tiêu chí của hội đồng.")));
}
