using System.Text.RegularExpressions;

namespace DoanKetSangTao.Notification.API.Domain.Preferences;

/// <summary>
/// Số điện thoại di động Việt Nam: the number SMS and Zalo reach a person at. Written as people write it (0912 345 678,
/// +84 912 345 678, 84912345678, with dots, dashes or brackets) and stored in one form, E.164 (+84912345678), so the same
/// phone is never two numbers. Only mobile networks' ranges since the 2018 renumbering are accepted: a landline (02x)
/// receives neither SMS nor Zalo, and an 11-digit 01x number no longer exists.
/// </summary>
public static partial class PhoneNumbers
{
    public const int MaxInputLength = 24;

    /// <summary>The stored form of <paramref name="input"/>, or null when it is not a Vietnamese mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > MaxInputLength)
        {
            return null;
        }

        // Only digits and the separators people type; anything else (letters, invisible characters) makes it no number.
        if (!Typed().IsMatch(input))
        {
            return null;
        }

        var digits = string.Concat(input.Where(char.IsAsciiDigit));
        var international = input.TrimStart().StartsWith('+') || (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11);
        var national = !international ? digits
            : !digits.StartsWith("84", StringComparison.Ordinal) ? null
            : digits[2..].StartsWith('0') ? digits[2..] : "0" + digits[2..]; // +84 0912… is written too
        return national is not null && Mobile().IsMatch(national) ? "+84" + national[1..] : null;
    }

    /// <summary>The number as a Vietnamese reader writes it: 0912 345 678.</summary>
    public static string Display(string stored) =>
        stored.StartsWith("+84", StringComparison.Ordinal) && stored.Length == 12 ? $"0{stored[3..6]} {stored[6..9]} {stored[9..]}" : stored;

    [GeneratedRegex(@"^\s*\+?[0-9(][0-9 .\-()]*$")]
    private static partial Regex Typed();

    // 03x (032–039), 05x (052, 055, 056, 058, 059), 07x (070, 076–079), 08x (081–089), 09x: the mobile ranges.
    [GeneratedRegex("^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-9])[0-9]{7}$")]
    private static partial Regex Mobile();
}
