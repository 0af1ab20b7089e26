using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// What each event tells whom, and in which words. Each kind has its own placeholders (the initiative's title, the level in
/// Vietnamese, the reason, the decision's number and date, the council, the next step…) and shipped Vietnamese templates
/// for the inbox, e-mail (a letter) and SMS; the audiences are in <c>docs/notification.md</c>. The notices are built in
/// the files beside this one: authors (<c>AuthorNotices.cs</c>), councils (<c>CouncilNotices.cs</c>), awards
/// (<c>AwardNotices.cs</c>).
/// </summary>
public static partial class Notices
{
    /// <summary>Every kind worded here, for the catalogue (<see cref="NotificationKinds"/>).</summary>
    /// <remarks>
    /// The lists and placeholders it gathers are properties, not fields: fields of a partial class spread over several files
    /// are initialized in no defined order, so one could read another before it is set.
    /// </remarks>
    public static readonly IReadOnlyList<NotificationKind> Kinds = [.. RegistrationKinds, .. OutcomeKinds, .. CouncilKinds, .. AwardKinds, .. ConferenceKinds];

    /// <summary>How a unit's inbox is addressed: its officers read it, whoever they are today.</summary>
    private const string UnitName = "Quý đơn vị";

    private const string Signature = "\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n";

    private static Placeholder RecipientName => new("recipient_name", "Nguyễn Văn An", "Người nhận (họ tên, hoặc \"Quý đơn vị\" cho hộp thư của đơn vị)");
    private static Placeholder InitiativeTitle => new("initiative_title", "Tưới nhỏ giọt tiết kiệm nước", "Tên sáng kiến");
    private static Placeholder NextStep => new("next_step", "Lập và nộp hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4).", "Bước tiếp theo, một câu");

    /// <summary>
    /// One kind with its templates: the in-app notice (its title is the e-mail's subject), a letter for e-mail (addressed to the
    /// person, signed by the movement's office) and a short SMS. Every kind may name <c>recipient_name</c>.
    /// </summary>
    private static NotificationKind Kind(
        string code, string category, string name, Placeholder[] placeholders, string subject, string body, string sms, bool digestible = false) =>
        new(code, category, name, [RecipientName, .. placeholders],
            new Dictionary<string, TemplateText>
            {
                [NotificationChannels.InApp] = new(subject, body),
                [NotificationChannels.Email] = new(subject, "Kính gửi {{ recipient_name }},\n\n" + body + Signature),
                [NotificationChannels.Sms] = new(null, sms),
            },
            digestible);

    /// <summary>A notice's values: the named ones that have a value (a template tests an absent one with <c>{% if %}</c>).</summary>
    private static Dictionary<string, string> Values(params (string Name, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Name, v => v.Value!);

    private static Notice To(Addressee who, string kind, Guid? subjectId, Dictionary<string, string> values) =>
        new(kind, who.RecipientId, who.Name, new Contact(who.Email), subjectId, values);

    /// <summary>"cấp xã", "cấp tỉnh", "cấp Trung ương": the level as a sentence names it.</summary>
    public static string LevelName(string? level) => level switch
    {
        CouncilLevels.Central => "cấp Trung ương",
        CouncilLevels.Province => "cấp tỉnh",
        CouncilLevels.Commune => "cấp xã",
        null => "",
        _ => level,
    };

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset instant) => VietnamTime.FormatDate(instant);

    private static string DateTime(DateTimeOffset instant) => VietnamTime.FormatDateTime(instant);

    /// <summary>A holder's inbox: their account; a person known only by e-mail gets an inbox under it until they sign up.</summary>
    private static string InboxOf(string? accountId, string email) => accountId ?? $"email:{email.ToLowerInvariant()}";
}

/// <summary>One person (or a unit's inbox) a notice goes to, as the event names them.</summary>
/// <param name="IsLead">The lead author, who acts for all the authors (edits, resubmits).</param>
public sealed record Addressee(string RecipientId, string Name, string? Email, bool IsLead = false);
