namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Kênh gửi: where a notice reaches a person. The in-app inbox always receives; the outbound channels are tried in the
/// order of <see cref="FallbackOrder"/> that the person's preferences allow (Zalo, then SMS, then e-mail: officers in
/// Vietnam read Zalo and SMS before e-mail).
/// </summary>
public static class NotificationChannels
{
    public const string InApp = "in_app";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Zalo = "zalo";

    /// <summary>The outbound channels, first tried first.</summary>
    public static readonly IReadOnlyList<string> FallbackOrder = [Zalo, Sms, Email];

    /// <summary>Every channel a template is written for.</summary>
    public static readonly IReadOnlyList<string> All = [InApp, Email, Sms, Zalo];

    public static bool IsKnown(string? channel) => channel is not null && All.Contains(channel);

    /// <summary>Channels that must not wake people at night (giờ yên tĩnh).</summary>
    public static bool KeepsQuietHours(string channel) => channel is Sms or Zalo;

    public static string NameOf(string channel) => channel switch
    {
        InApp => "Hộp thư trên ứng dụng",
        Email => "Thư điện tử",
        Sms => "Tin nhắn SMS",
        Zalo => "Zalo",
        _ => channel,
    };
}
