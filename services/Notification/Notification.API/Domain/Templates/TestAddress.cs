using System.Net.Mail;
using System.Text.RegularExpressions;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>Where an operator may send a test message: an e-mail address, or a Vietnamese mobile number for SMS and Zalo.</summary>
public static partial class TestAddress
{
    /// <summary>The address as it is queued, or null when it is not one the channel can reach.</summary>
    public static string? Normalize(string channel, string? address)
    {
        var text = address?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254)
        {
            return null;
        }

        if (channel == NotificationChannels.Email)
        {
            return MailAddress.TryCreate(text, out var mail) && mail.Address == text && string.IsNullOrEmpty(mail.DisplayName) ? text : null;
        }

        var digits = Separators().Replace(text, string.Empty);
        return MobileNumber().IsMatch(digits) ? digits : null;
    }

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separators();

    /// <summary>0 or 84 (or +84), then a mobile prefix (3, 5, 7, 8, 9) and 8 digits.</summary>
    [GeneratedRegex(@"^(?:0|\+?84)[35789][0-9]{8}$")]
    private static partial Regex MobileNumber();
}
