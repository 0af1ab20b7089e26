using System.Reflection;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Identity.API.Domain;

/// <summary>
/// Quy tắc mật khẩu (password rule) per NIST SP 800-63B: at least 8 characters, at most 128, no composition rules, and
/// not one of the commonly used passwords (compared without case and diacritics).
/// </summary>
public static class PasswordRule
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;

    private static readonly HashSet<string> Common = Load();

    public static Refusal? Check(string password, params string?[] personal)
    {
        var length = password.Normalize(System.Text.NormalizationForm.FormC).Length;
        if (length < MinimumLength)
        {
            return Refusal.Invalid("password", $"Mật khẩu cần ít nhất {MinimumLength} ký tự; một cụm từ dễ nhớ là lựa chọn tốt.");
        }

        if (length > MaximumLength)
        {
            return Refusal.Invalid("password", $"Mật khẩu dài tối đa {MaximumLength} ký tự.");
        }

        var folded = VietnameseText.Fold(password);
        if (Common.Contains(folded) || personal.Any(p => p is { Length: > 0 } && VietnameseText.Fold(p) == folded))
        {
            return Refusal.Invalid("password", "Mật khẩu này quá phổ biến hoặc trùng thông tin cá nhân, dễ bị đoán. Hãy chọn mật khẩu khác.");
        }

        return null;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DoanKetSangTao.Identity.API.Domain.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(VietnameseText.Fold(line));
            }
        }

        return set;
    }
}
