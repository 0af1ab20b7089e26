using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// What the councils decided, told to every author: the dossier returned for completion, recognition or not at a level
/// (each level its own notice, naming the level, the decision's number and date), the nomination to the level above.
/// Registration announces them as changes of status, with the council's act (<see cref="CouncilAct"/>): one notice per
/// decision, whichever event carried it first.
/// </summary>
public static partial class Notices
{
    /// <summary>Hồ sơ cần bổ sung: the council returned the dossier at screening, with its reasons.</summary>
    public const string DossierReturnedKind = "dossier_returned";

    /// <summary>Sáng kiến được công nhận ở một cấp.</summary>
    public const string InitiativeRecognizedKind = "initiative_recognized";

    /// <summary>Sáng kiến không được công nhận ở một cấp (after scoring, or rejected at screening).</summary>
    public const string InitiativeNotRecognizedKind = "initiative_not_recognized";

    /// <summary>Sáng kiến được đề cử lên hội đồng cấp trên.</summary>
    public const string InitiativeNominatedKind = "initiative_nominated";

    private static Placeholder LevelNamePlaceholder => new("level_name", "cấp tỉnh", "Cấp của hội đồng: cấp xã, cấp tỉnh, cấp Trung ương");
    private static Placeholder DecisionNumber => new("decision_number", "12/QĐ-HĐTĐ", "Số quyết định (hoặc biên bản sơ loại)");
    private static Placeholder DecisionDate => new("decision_date", "15/12/2026", "Ngày quyết định");
    private static Placeholder CouncilComment => new("council_comment", "Sáng kiến có phạm vi ảnh hưởng rộng.", "Ý kiến hội đồng công bố cho tác giả (có thể trống)");

    private static IReadOnlyList<NotificationKind> OutcomeKinds =>
    [
        Kind(DossierReturnedKind, NotificationCategories.Appraisal, "Hồ sơ cần bổ sung",
            [InitiativeTitle, LevelNamePlaceholder, new("reason", "Thiếu văn bản đề nghị của đơn vị", "Nội dung cần bổ sung"), NextStep],
            "Hồ sơ “{{ initiative_title }}” cần bổ sung{% if level_name %} theo yêu cầu của hội đồng {{ level_name }}{% endif %}",
            "Hội đồng thẩm định sáng kiến{% if level_name %} {{ level_name }}{% endif %} đã trả hồ sơ sáng kiến “{{ initiative_title }}” để bổ sung: "
            + "{{ reason }}.\nBước tiếp theo: {{ next_step }}",
            "Ho so \"{{ initiative_title }}\" can bo sung: {{ reason }}. Vui long hoan thien va nop lai."),
        Kind(InitiativeRecognizedKind, NotificationCategories.Appraisal, "Sáng kiến được công nhận",
            [InitiativeTitle, LevelNamePlaceholder, DecisionNumber, DecisionDate, CouncilComment, NextStep],
            "Sáng kiến “{{ initiative_title }}” được công nhận {{ level_name }}",
            "Hội đồng thẩm định sáng kiến {{ level_name }} đã công nhận sáng kiến “{{ initiative_title }}” theo Quyết định số {{ decision_number }} "
            + "ngày {{ decision_date }}.{% if council_comment %} Ý kiến của hội đồng: {{ council_comment }}{% endif %}\nBước tiếp theo: {{ next_step }}",
            "Sang kien \"{{ initiative_title }}\" duoc cong nhan {{ level_name }}, QD so {{ decision_number }} ngay {{ decision_date }}."),
        Kind(InitiativeNotRecognizedKind, NotificationCategories.Appraisal, "Kết quả thẩm định: chưa được công nhận",
            [InitiativeTitle, LevelNamePlaceholder, DecisionNumber, DecisionDate, CouncilComment, NextStep],
            "Sáng kiến “{{ initiative_title }}” chưa được công nhận {{ level_name }}",
            "Hội đồng thẩm định sáng kiến {{ level_name }} chưa công nhận sáng kiến “{{ initiative_title }}” (số {{ decision_number }} "
            + "ngày {{ decision_date }}).{% if council_comment %} Ý kiến của hội đồng: {{ council_comment }}{% endif %}\nBước tiếp theo: {{ next_step }}",
            "Sang kien \"{{ initiative_title }}\" chua duoc cong nhan {{ level_name }} (so {{ decision_number }} ngay {{ decision_date }})."),
        Kind(InitiativeNominatedKind, NotificationCategories.Appraisal, "Sáng kiến được đề cử lên cấp trên",
            [
                InitiativeTitle,
                new("from_level_name", "cấp tỉnh", "Cấp của hội đồng đề cử"),
                new("to_level_name", "cấp Trung ương", "Cấp của hội đồng nhận đề cử"),
                NextStep,
            ],
            "Sáng kiến “{{ initiative_title }}” được đề cử lên hội đồng {{ to_level_name }}",
            "Hội đồng thẩm định sáng kiến {{ from_level_name }} đã đề cử sáng kiến “{{ initiative_title }}” lên Hội đồng thẩm định sáng kiến "
            + "{{ to_level_name }}.\nBước tiếp theo: {{ next_step }}",
            "Sang kien \"{{ initiative_title }}\" duoc de cu len hoi dong {{ to_level_name }}."),
    ];

    private static Notice DossierReturned(InitiativeStatusChanged changed, Addressee who) =>
        To(who, DossierReturnedKind, changed.InitiativeId, Values(
            ("initiative_title", changed.Title), ("level_name", LevelName(changed.Council?.Level)), ("reason", changed.Reason?.TrimEnd('.')),
            ("next_step", LeadActs(who, changed.ContactName, "Hoàn thiện hồ sơ theo yêu cầu trên và nộp lại.",
                "Bạn sẽ được báo khi hội đồng nhận hồ sơ nộp lại."))));

    /// <summary>The council's decision at its level: each level is its own notice, naming the level, the number and the date.</summary>
    private static Notice Decided(InitiativeStatusChanged changed, CouncilAct act, Addressee who)
    {
        var recognized = changed.ToStatus == InitiativeStatuses.Recognized;
        var above = CouncilLevels.Above(act.Level);
        var next = !recognized
            ? "Xem ý kiến của hội đồng trong trang sáng kiến; nếu có ý kiến về kết quả, vui lòng liên hệ thường trực hội đồng."
            : above is null
                ? $"Sáng kiến mang danh hiệu “{CouncilLevels.NationalTitle}” và được giới thiệu trong {CouncilLevels.GoldenBook}; "
                  + "bạn sẽ được báo khi có quyết định khen thưởng và giấy chứng nhận."
                : $"Hội đồng {LevelName(act.Level)} xem xét đề cử những sáng kiến tiêu biểu lên hội đồng {LevelName(above)}; "
                  + "bạn sẽ được báo nếu sáng kiến được đề cử.";
        return To(who, recognized ? InitiativeRecognizedKind : InitiativeNotRecognizedKind, changed.InitiativeId, Values(
            ("initiative_title", changed.Title), ("level_name", LevelName(act.Level)), ("decision_number", act.DecisionNumber),
            ("decision_date", act.DecisionDate is { } date ? Date(date) : Date(changed.OccurredAt)), ("council_comment", act.Comment),
            ("next_step", next)));
    }

    private static Notice Nominated(InitiativeStatusChanged changed, CouncilAct act, Addressee who) =>
        To(who, InitiativeNominatedKind, changed.InitiativeId, Values(
            ("initiative_title", changed.Title), ("from_level_name", LevelName(act.Level)), ("to_level_name", LevelName(act.ToLevel)),
            ("next_step", $"Hội đồng {LevelName(act.ToLevel)} thẩm định sáng kiến từ hồ sơ đã nộp, bạn không cần nộp lại; bạn sẽ được báo khi có kết quả.")));
}
