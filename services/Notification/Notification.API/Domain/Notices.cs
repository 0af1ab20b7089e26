using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>What each event tells whom, and in which words.</summary>
public static class Notices
{
    /// <summary>Xác nhận đăng ký, to the author.</summary>
    public const string InitiativeRegisteredKind = "initiative_registered";

    /// <summary>What happened to the author's initiative.</summary>
    public const string InitiativeStatusChangedKind = "initiative_status_changed";

    /// <summary>Phân công chấm, to a council member.</summary>
    public const string AppraisalCaseAssignedKind = "appraisal_case_assigned";

    /// <summary>Xác nhận đăng ký: tells the author that their initiative was registered.</summary>
    public static Notice Registered(InitiativeRegistered registered) => Text(
        InitiativeRegisteredKind, registered.RegisteredBy, registered.ContactEmail, registered.ContactName,
        $"Đã đăng ký sáng kiến “{registered.Title}”",
        $"Sáng kiến “{registered.Title}” của {registered.ContactName} đã được ghi nhận vào lúc " +
        $"{VietnamTime.FormatDateTime(registered.OccurredAt)}. Đơn vị cấp trên sẽ xem xét và xác nhận trong thời gian tới.",
        registered.InitiativeId);

    /// <summary>
    /// Tells the author what happened to their initiative when it concerns them: returned (with the reason),
    /// confirmed, the dossier returned for completion, the council's decision, a nomination. Null for the steps the
    /// author took themselves (registering, submitting, withdrawing), which are not echoed back.
    /// </summary>
    public static Notice? StatusChanged(InitiativeStatusChanged changed)
    {
        var (title, body) = changed.ToStatus switch
        {
            InitiativeStatuses.Returned => ($"Phiếu đăng ký “{changed.Title}” bị trả lại",
                $"Đơn vị cấp trên đã trả lại phiếu đăng ký sáng kiến “{changed.Title}” với lý do: {changed.Reason}. Vui lòng chỉnh sửa và nộp lại."),
            InitiativeStatuses.Confirmed => ($"Sáng kiến “{changed.Title}” đã được xác nhận",
                $"Đơn vị cấp trên đã xác nhận đăng ký sáng kiến “{changed.Title}”. Bạn có thể lập hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4)."),
            InitiativeStatuses.DossierReturned => ($"Hồ sơ “{changed.Title}” cần bổ sung",
                $"Hội đồng thẩm định đã trả hồ sơ sáng kiến “{changed.Title}” để bổ sung: {changed.Reason}. Vui lòng hoàn thiện và nộp lại."),
            InitiativeStatuses.Recognized => ($"Sáng kiến “{changed.Title}” được công nhận", $"Sáng kiến “{changed.Title}” đã được công nhận. {changed.Reason}."),
            InitiativeStatuses.NotRecognized => ($"Kết quả thẩm định sáng kiến “{changed.Title}”", $"Sáng kiến “{changed.Title}” chưa được công nhận. {changed.Reason}."),
            InitiativeStatuses.Nominated => ($"Sáng kiến “{changed.Title}” được đề cử lên cấp trên", $"{changed.Reason}."),
            _ => (null, null),
        };
        return title is null || body is null || changed.ChangedBy == changed.RegisteredBy
            ? null
            : Text(InitiativeStatusChangedKind, changed.RegisteredBy, changed.ContactEmail, changed.ContactName, title, body, changed.InitiativeId);
    }

    /// <summary>Thông báo phân công chấm: tells a council member that a case awaits their score.</summary>
    public static Notice CaseAssigned(AppraisalCaseAssigned assigned) => Text(
        AppraisalCaseAssignedKind, assigned.UserId, assigned.Email, assigned.FullName,
        $"Phân công chấm hồ sơ “{assigned.Title}”",
        $"{assigned.CouncilName} đã phân công bạn thẩm định hồ sơ sáng kiến “{assigned.Title}”. " +
        "Vui lòng đăng nhập để xem hồ sơ, khai báo nếu có xung đột lợi ích, và chấm điểm theo bộ tiêu chí của hội đồng.",
        assigned.CaseId);

    /// <summary>Khen thưởng, to each recipient it names.</summary>
    public const string CommendationDecidedKind = "commendation_decided";

    /// <summary>Giấy chứng nhận sẵn sàng, to its holder.</summary>
    public const string CertificateIssuedKind = "certificate_issued";

    /// <summary>Giấy chứng nhận hết hiệu lực, to its holder.</summary>
    public const string CertificateRevokedKind = "certificate_revoked";

    /// <summary>
    /// Thông báo khen thưởng: each person the decision names, by their account (inbox) and their e-mail. A collective
    /// has no inbox of its own: its unit learns from the decision. A person named only by e-mail is reached there.
    /// </summary>
    public static IEnumerable<Notice> Commended(CommendationDecided decided) =>
        decided.Recipients
            .Where(r => r.Kind == RecipientKinds.Individual && (r.AccountId is not null || r.Email is not null))
            .Select(r => Commended(decided, r))
            .Concat(ProposersTold(decided))
            .Concat(UnitsTold(decided));

    /// <summary>Each unit whose people or collectives the decision names, in the unit's inbox (its officers read it).</summary>
    private static IEnumerable<Notice> UnitsTold(CommendationDecided decided) =>
        decided.Recipients.Where(r => r.OrganizationId is not null).GroupBy(r => r.OrganizationId!.Value).Select(g => Text(
            CommendationDecidedKind, Inbox.OfUnit(g.Key), null, "Quý đơn vị",
            $"Đơn vị có người/tập thể được khen thưởng: {decided.AwardTypeName}",
            $"{decided.IssuingBodyName} đã ban hành Quyết định số {decided.DecisionNumber} ngày {decided.DecisionDate:dd/MM/yyyy} "
            + $"tặng {decided.AwardTypeName} cho {string.Join(", ", g.Select(r => r.FullName))}.",
            decided.DecisionId));

    /// <summary>
    /// The unit that proposed recipients (its officer who sent the proposal) learns which of them the decision names:
    /// one notice per proposer, not one per recipient.
    /// </summary>
    private static IEnumerable<Notice> ProposersTold(CommendationDecided decided) =>
        decided.Recipients.Where(r => r.ProposedBy is not null).GroupBy(r => r.ProposedBy!).Select(g => Text(
            CommendationDecidedKind, g.Key, null, "Quý đơn vị",
            $"Đề nghị khen thưởng của đơn vị đã được quyết định: {decided.AwardTypeName}",
            $"{decided.IssuingBodyName} đã ban hành Quyết định số {decided.DecisionNumber} ngày {decided.DecisionDate:dd/MM/yyyy} "
            + $"tặng {decided.AwardTypeName} cho {string.Join(", ", g.Select(r => r.FullName))} theo đề nghị của đơn vị.",
            decided.DecisionId));

    private static Notice Commended(CommendationDecided decided, CommendedRecipient r) => Text(
            CommendationDecidedKind, HolderId(r.AccountId, r.Email), r.Email, r.FullName,
            $"Bạn được khen thưởng: {decided.AwardTypeName}",
            $"{decided.IssuingBodyName} đã ban hành Quyết định số {decided.DecisionNumber} ngày {decided.DecisionDate:dd/MM/yyyy} "
            + $"tặng {decided.AwardTypeName} ({LevelName(decided.Level)}) cho {r.FullName}"
            + (r.OrganizationName is null ? "" : $", {r.OrganizationName}") + ". "
            + "Giấy chứng nhận đang được tạo; bạn sẽ nhận thông báo khi có thể tải về.",
            decided.DecisionId);

    /// <summary>Giấy chứng nhận đã sẵn sàng: where to download it and how anyone can verify it.</summary>
    public static Notice? CertificateReady(CertificateIssued issued) => issued.AccountId is null && issued.Email is null ? null : Text(
        CertificateIssuedKind, HolderId(issued.AccountId, issued.Email), issued.Email, issued.RecipientName,
        $"Giấy chứng nhận {issued.AwardTypeName} đã sẵn sàng",
        $"Giấy chứng nhận theo Quyết định số {issued.DecisionNumber} đã sẵn sàng. Đăng nhập, mục \"Giấy chứng nhận của tôi\", để tải về. "
        + $"Mã xác minh: {issued.VerificationCode} (ai cũng kiểm tra được bằng mã QR trên giấy).",
        issued.DecisionId);

    /// <summary>Giấy chứng nhận hết hiệu lực: the decision was revoked (with the reason) or replaced by another.</summary>
    public static Notice? CertificateEnded(CertificateRevoked revoked) => revoked.AccountId is null && revoked.Email is null ? null : Text(
        CertificateRevokedKind, HolderId(revoked.AccountId, revoked.Email), revoked.Email, "Quý vị",
        revoked.Superseded ? $"Quyết định số {revoked.DecisionNumber} đã được thay thế" : $"Quyết định số {revoked.DecisionNumber} đã bị thu hồi",
        revoked.Superseded
            ? $"Quyết định khen thưởng số {revoked.DecisionNumber} đã được thay thế ({revoked.Reason}); giấy chứng nhận mã {revoked.VerificationCode} không còn hiệu lực. Giấy theo quyết định mới sẽ được gửi khi sẵn sàng."
            : $"Quyết định khen thưởng số {revoked.DecisionNumber} đã bị thu hồi với lý do: {revoked.Reason}. Giấy chứng nhận mã {revoked.VerificationCode} không còn hiệu lực.",
        revoked.DecisionId);

    /// <summary>A holder's inbox: their account; a person known only by e-mail gets an inbox under it until they sign up.</summary>
    private static string HolderId(string? accountId, string? email) => accountId ?? $"email:{email!.ToLowerInvariant()}";

    /// <summary>
    /// The kinds worded here. Their templates take the title and body formed above; the placeholders name them so an
    /// operator can reword the frame around them.
    /// </summary>
    public static readonly IReadOnlyList<NotificationKind> Kinds =
    [
        TitleAndBody(InitiativeRegisteredKind, NotificationCategories.Registration, "Xác nhận đăng ký sáng kiến"),
        TitleAndBody(InitiativeStatusChangedKind, NotificationCategories.Registration, "Thay đổi trạng thái sáng kiến"),
        TitleAndBody(AppraisalCaseAssignedKind, NotificationCategories.Appraisal, "Phân công chấm hồ sơ"),
        TitleAndBody(CommendationDecidedKind, NotificationCategories.Awards, "Quyết định khen thưởng"),
        TitleAndBody(CertificateIssuedKind, NotificationCategories.Awards, "Giấy chứng nhận sẵn sàng"),
        TitleAndBody(CertificateRevokedKind, NotificationCategories.Awards, "Giấy chứng nhận hết hiệu lực"),
    ];

    private static NotificationKind TitleAndBody(string code, string category, string name) => new(code, category, name,
        [
            new Placeholder("recipient_name", "Nguyễn Văn An", "Người nhận"),
            new Placeholder("title", "Sáng kiến “Tưới nhỏ giọt tiết kiệm nước” đã được xác nhận", "Tiêu đề"),
            new Placeholder("body", "Đơn vị cấp trên đã xác nhận đăng ký sáng kiến “Tưới nhỏ giọt tiết kiệm nước”.", "Nội dung"),
        ],
        new Dictionary<string, TemplateText>
        {
            [NotificationChannels.InApp] = new("{{ title }}", "{{ body }}"),
            [NotificationChannels.Email] = new("{{ title }}", "Kính gửi {{ recipient_name }},\n\n{{ body }}\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n"),
            [NotificationChannels.Sms] = new(null, "{{ title }}. Chi tiet tren ung dung Doan ket sang tao."),
        });

    private static Notice Text(string kind, string recipientId, string? email, string name, string title, string body, Guid subjectId) =>
        new(kind, recipientId, name, new Contact(email), subjectId, new Dictionary<string, string> { ["title"] = title, ["body"] = body });

    private static string LevelName(string level) => level switch
    {
        CouncilLevels.Central => "cấp Trung ương",
        CouncilLevels.Province => "cấp tỉnh",
        CouncilLevels.Commune => "cấp xã",
        _ => level,
    };
}
