namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>Danh mục loại thông báo: every kind the service sends, gathered from where each is worded.</summary>
public static class NotificationKinds
{
    /// <summary>A letter about a person's account, worded by the identity service.</summary>
    public const string AccountLetterKind = "account_letter";

    public static readonly NotificationKind AccountLetter = new(AccountLetterKind, NotificationCategories.AccountSecurity, "Thư về tài khoản",
        [
            new Placeholder("recipient_name", "Nguyễn Văn An", "Người nhận"),
            new Placeholder("subject", "Xác nhận địa chỉ thư điện tử", "Tiêu đề thư do dịch vụ tài khoản soạn"),
            new Placeholder("body", "Mở liên kết sau để xác nhận địa chỉ thư điện tử của bạn: …", "Nội dung thư do dịch vụ tài khoản soạn"),
        ],
        new Dictionary<string, TemplateText>
        {
            [NotificationChannels.Email] = new("{{ subject }}", "Kính gửi {{ recipient_name }},\n\n{{ body }}\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n"),
        });

    /// <summary>Every kind, each with the Zalo template it ships (<see cref="ZaloTemplates"/>) added to its defaults.</summary>
    public static readonly IReadOnlyList<NotificationKind> All =
        new[] { AccountLetter }.Concat(Notices.Kinds).Concat(ReminderKinds.Kinds).Append(DigestKinds.Digest).Concat(ReportNotices.Kinds)
            .Select(ZaloTemplates.With).ToList();

    private static readonly Dictionary<string, NotificationKind> ByCode = All.ToDictionary(k => k.Code);

    public static NotificationKind? Find(string code) => ByCode.GetValueOrDefault(code);

    public static NotificationKind Get(string code) => ByCode.TryGetValue(code, out var kind) ? kind
        : throw new InvalidOperationException($"Notification kind '{code}' is not in the catalogue.");
}
