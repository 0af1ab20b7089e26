using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Khen thưởng: each person a commendation decision names (by account and e-mail), the officer whose proposal named them,
/// their unit's inbox; then each holder when their certificate is ready, or no longer holds.
/// </summary>
public static partial class Notices
{
    /// <summary>Khen thưởng, to each person it names.</summary>
    public const string CommendationDecidedKind = "commendation_decided";

    /// <summary>Đề nghị khen thưởng đã được quyết định, to the officer who proposed them (one notice per proposer).</summary>
    public const string CommendationProposalDecidedKind = "commendation_proposal_decided";

    /// <summary>Đơn vị có người, tập thể được khen thưởng, to the unit's inbox.</summary>
    public const string CommendationUnitInformedKind = "commendation_unit_informed";

    /// <summary>Giấy chứng nhận sẵn sàng, to its holder.</summary>
    public const string CertificateIssuedKind = "certificate_issued";

    /// <summary>Giấy chứng nhận hết hiệu lực, to its holder.</summary>
    public const string CertificateRevokedKind = "certificate_revoked";

    private static Placeholder AwardName => new("award_name", "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh", "Hình thức khen thưởng");
    private static Placeholder IssuingBody => new("issuing_body", "Ủy ban MTTQ Việt Nam thành phố Hà Nội", "Cơ quan ban hành quyết định");
    private static Placeholder AwardDecisionNumber => new("decision_number", "7/QĐ-MTTQ", "Số quyết định khen thưởng");
    private static Placeholder AwardDecisionDate => new("decision_date", "20/12/2026", "Ngày quyết định");
    private static Placeholder RecipientNames => new("recipient_names", "Nguyễn Văn An, Công đoàn trường THCS Ba Đình", "Những người, tập thể được khen thưởng");
    private static Placeholder VerificationCode => new("verification_code", "K7Q2-M9XD", "Mã xác minh giấy chứng nhận");

    private static IReadOnlyList<NotificationKind> AwardKinds =>
    [
        Kind(CommendationDecidedKind, NotificationCategories.Awards, "Quyết định khen thưởng",
            [AwardName, IssuingBody, AwardDecisionNumber, AwardDecisionDate, LevelNamePlaceholder,
                new("organization_name", "Trường THCS Ba Đình", "Đơn vị của người được khen (có thể trống)"), NextStep],
            "Bạn được khen thưởng: {{ award_name }}",
            "{{ issuing_body }} đã ban hành Quyết định số {{ decision_number }} ngày {{ decision_date }} tặng {{ award_name }}{% if level_name %} ({{ level_name }}){% endif %} "
            + "cho {{ recipient_name }}{% if organization_name %}, {{ organization_name }}{% endif %}.\nBước tiếp theo: {{ next_step }}",
            "Chuc mung! Ban duoc tang {{ award_name }} theo QD so {{ decision_number }} ngay {{ decision_date }}."),
        Kind(CommendationProposalDecidedKind, NotificationCategories.Awards, "Đề nghị khen thưởng đã được quyết định",
            [AwardName, IssuingBody, AwardDecisionNumber, AwardDecisionDate, RecipientNames, NextStep],
            "Đề nghị khen thưởng của đơn vị đã được quyết định: {{ award_name }}",
            "{{ issuing_body }} đã ban hành Quyết định số {{ decision_number }} ngày {{ decision_date }} tặng {{ award_name }} cho {{ recipient_names }} "
            + "theo đề nghị của đơn vị.\nBước tiếp theo: {{ next_step }}",
            "De nghi khen thuong da co QD so {{ decision_number }} ngay {{ decision_date }}: {{ award_name }}."),
        Kind(CommendationUnitInformedKind, NotificationCategories.Awards, "Đơn vị có người, tập thể được khen thưởng",
            [AwardName, IssuingBody, AwardDecisionNumber, AwardDecisionDate, RecipientNames, NextStep],
            "Đơn vị có người, tập thể được khen thưởng: {{ award_name }}",
            "{{ issuing_body }} đã ban hành Quyết định số {{ decision_number }} ngày {{ decision_date }} tặng {{ award_name }} cho {{ recipient_names }}.\n"
            + "Bước tiếp theo: {{ next_step }}",
            "Don vi co nguoi, tap the duoc tang {{ award_name }} (QD so {{ decision_number }})."),
        Kind(CertificateIssuedKind, NotificationCategories.Awards, "Giấy chứng nhận sẵn sàng",
            [AwardName, AwardDecisionNumber, VerificationCode, NextStep],
            "Giấy chứng nhận {{ award_name }} đã sẵn sàng",
            "Giấy chứng nhận {{ award_name }} theo Quyết định số {{ decision_number }} đã sẵn sàng. Mã xác minh: {{ verification_code }} "
            + "(ai cũng kiểm tra được bằng mã QR trên giấy).\nBước tiếp theo: {{ next_step }}",
            "Giay chung nhan {{ award_name }} (QD so {{ decision_number }}) da san sang. Ma xac minh: {{ verification_code }}."),
        Kind(CertificateRevokedKind, NotificationCategories.Awards, "Giấy chứng nhận hết hiệu lực",
            [AwardDecisionNumber, VerificationCode, new("ended_how", "đã bị thu hồi", "Quyết định bị thu hồi hay được thay thế"),
                new("reason", "Phát hiện sai sót về đối tượng khen thưởng", "Lý do"), NextStep],
            "Quyết định số {{ decision_number }} {{ ended_how }}",
            "Quyết định khen thưởng số {{ decision_number }} {{ ended_how }} (lý do: {{ reason }}); giấy chứng nhận mã {{ verification_code }} không còn hiệu lực.\n"
            + "Bước tiếp theo: {{ next_step }}",
            "QD khen thuong so {{ decision_number }} {{ ended_how }}; giay chung nhan ma {{ verification_code }} het hieu luc."),
    ];

    /// <summary>
    /// Thông báo khen thưởng: each person the decision names, by their account (inbox) and their e-mail; the officer whose
    /// proposal named them, once for all of them; each unit whose people or collectives it names, in the unit's inbox. A
    /// collective has no inbox of its own: its unit learns from the decision. A person named only by e-mail is reached there.
    /// </summary>
    public static IEnumerable<Notice> Commended(CommendationDecided decided)
    {
        var common = new (string, string?)[]
        {
            ("award_name", decided.AwardTypeName), ("issuing_body", decided.IssuingBodyName), ("decision_number", decided.DecisionNumber),
            ("decision_date", Date(decided.DecisionDate)),
        };
        foreach (var r in decided.Recipients.Where(r => r.Kind == RecipientKinds.Individual && (r.AccountId is not null || r.Email is not null)))
        {
            yield return To(new Addressee(InboxOf(r.AccountId, r.Email!), r.FullName, r.Email), CommendationDecidedKind, decided.DecisionId, Values(
                [.. common, ("level_name", LevelName(decided.Level)), ("organization_name", r.OrganizationName),
                    ("next_step", "Giấy chứng nhận đang được tạo; bạn sẽ nhận thông báo khi có thể tải về.")]));
        }

        foreach (var g in decided.Recipients.Where(r => r.ProposedBy is not null).GroupBy(r => r.ProposedBy!))
        {
            yield return To(new Addressee(g.Key, UnitName, null), CommendationProposalDecidedKind, decided.DecisionId, Values(
                [.. common, ("recipient_names", string.Join(", ", g.Select(r => r.FullName))),
                    ("next_step", "Thông báo cho người, tập thể được khen và tổ chức trao tặng theo kế hoạch của đơn vị.")]));
        }

        foreach (var g in decided.Recipients.Where(r => r.OrganizationId is not null).GroupBy(r => r.OrganizationId!.Value))
        {
            yield return To(new Addressee(Inbox.OfUnit(g.Key), UnitName, null), CommendationUnitInformedKind, decided.DecisionId, Values(
                [.. common, ("recipient_names", string.Join(", ", g.Select(r => r.FullName))),
                    ("next_step", "Ghi nhận vào hồ sơ thi đua, khen thưởng của đơn vị.")]));
        }
    }

    /// <summary>Giấy chứng nhận đã sẵn sàng: where to download it and how anyone can verify it.</summary>
    public static Notice? CertificateReady(CertificateIssued issued) => issued.AccountId is null && issued.Email is null ? null : To(
        new Addressee(InboxOf(issued.AccountId, issued.Email!), issued.RecipientName, issued.Email), CertificateIssuedKind, issued.DecisionId, Values(
            ("award_name", issued.AwardTypeName), ("decision_number", issued.DecisionNumber), ("verification_code", issued.VerificationCode),
            ("next_step", "Đăng nhập, mục “Giấy chứng nhận của tôi”, để tải giấy chứng nhận về.")));

    /// <summary>Giấy chứng nhận hết hiệu lực: the decision was revoked (with the reason) or replaced by another.</summary>
    public static Notice? CertificateEnded(CertificateRevoked revoked) => revoked.AccountId is null && revoked.Email is null ? null : To(
        new Addressee(InboxOf(revoked.AccountId, revoked.Email!), "Quý vị", revoked.Email), CertificateRevokedKind, revoked.DecisionId, Values(
            ("decision_number", revoked.DecisionNumber), ("verification_code", revoked.VerificationCode),
            ("ended_how", revoked.Superseded ? "đã được thay thế" : "đã bị thu hồi"), ("reason", revoked.Reason.TrimEnd('.')),
            ("next_step", revoked.Superseded
                ? "Giấy chứng nhận theo quyết định mới sẽ được gửi khi sẵn sàng."
                : "Nếu có ý kiến, vui lòng liên hệ cơ quan đã ban hành quyết định.")));
}
