namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Mẫu Zalo ZNS cho các thông báo người dùng cần nhất (Zalo templates shipped for decisions, reminders and digests). A ZNS
/// message is a template Zalo approved for the Official Account, so its id cannot ship with a release: each entry here
/// lists the parameters (one line each, with its Zalo type, within Zalo's caps, see <see cref="Templates.ZaloParameters"/>)
/// and has no provider template id. It is marked as needing one (<see cref="NeedsProviderTemplateId"/>): an operator
/// registers the template with Zalo, then saves its id through the templates API (<c>PUT
/// /api/v1/notification-templates/{kind}/zalo</c>); until then the delivery plan leaves Zalo out for the kind
/// (<see cref="Preferences.DeliveryRules.Worded"/>).
/// </summary>
public static class ZaloTemplates
{
    private const string Recipient = "ten_nguoi_nhan [customer_name]: {{ recipient_name }}\n";
    private const string Title = "ten_sang_kien [product]: {{ initiative_title }}\n";
    private const string Level = "cap_hoi_dong: {{ level_name }}\n";

    /// <summary>The parameter lines per kind. The names are those the operator registers the ZNS template with.</summary>
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        [Notices.RegistrationConfirmedKind] = Recipient + Title + "ngay_xac_nhan [time]: {{ confirmed_on }}\n",
        [Notices.RegistrationReturnedKind] = Recipient + Title + "ly_do [product]: {{ reason }}\n",
        [Notices.DossierReturnedKind] = Recipient + Title + Level + "noi_dung_bo_sung [product]: {{ reason }}\n",
        [Notices.InitiativeRecognizedKind] = Recipient + Title + Level
            + "so_quyet_dinh [code]: {{ decision_number }}\nngay_quyet_dinh [time]: {{ decision_date }}\n",
        [Notices.InitiativeNotRecognizedKind] = Recipient + Title + Level
            + "so_quyet_dinh [code]: {{ decision_number }}\nngay_quyet_dinh [time]: {{ decision_date }}\n",
        [Notices.InitiativeNominatedKind] = Recipient + Title + "cap_de_cu: {{ to_level_name }}\n",
        [ReminderKinds.DeadlineReminderKind] = Recipient + "don_vi [product]: {{ unit_name }}\n"
            + "loai_han [product]: {{ deadline_kind }}\nhan_cuoi [time]: {{ due_date }}\nso_ngay_con_lai [amount]: {{ days_left }}\n",
        [ReminderKinds.DeadlineOverdueKind] = Recipient + "loai_han [product]: {{ deadline_kind }}\nhan_cuoi [time]: {{ due_date }}\n"
            + "so_don_vi_tre [amount]: {{ late_count }}\n",
        [DigestKinds.DigestKind] = Recipient + "so_thong_bao [amount]: {{ count }}\nky_tong_hop [product]: {{ period }}\n",
    };

    /// <summary>The kinds that ship a Zalo template.</summary>
    public static IReadOnlyCollection<string> Kinds => Parameters.Keys;

    /// <summary><paramref name="kind"/> with its shipped Zalo template, when it has one; else as it is.</summary>
    public static NotificationKind With(NotificationKind kind) =>
        Parameters.TryGetValue(kind.Code, out var lines) && !kind.Defaults.ContainsKey(NotificationChannels.Zalo)
            ? kind with { Defaults = new Dictionary<string, TemplateText>(kind.Defaults) { [NotificationChannels.Zalo] = new(null, lines) } }
            : kind;

    /// <summary>Chưa có mã mẫu ZNS: a Zalo text that names no approved template cannot be sent, only previewed.</summary>
    public static bool NeedsProviderTemplateId(string channel, TemplateText text) =>
        channel == NotificationChannels.Zalo && string.IsNullOrWhiteSpace(text.ProviderTemplateId);
}
