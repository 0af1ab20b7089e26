using System.Globalization;
using System.Text;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>
/// Tin nhắn không dấu: brandname SMS in Vietnam go out without diacritics so that they stay in the GSM-7 alphabet
/// (160 characters a part, 153 when concatenated); one accented letter would switch the whole message to UCS-2 (70 a
/// part) and more than double its cost. <see cref="KhongDau"/> is the Liquid filter <c>khong_dau</c>.
/// </summary>
public static class SmsText
{
    /// <summary>The GSM 03.38 basic alphabet (no escape table: those characters count twice and some phones mangle them).</summary>
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static readonly HashSet<char> Gsm7 = [.. Gsm7Basic];

    /// <summary>
    /// "Đã xác nhận “Sáng kiến”" → "Da xac nhan \"Sang kien\"": Vietnamese letters without their marks (case kept, unlike
    /// the search key <c>VietnameseText.Fold</c>, which lower-cases), typographic punctuation as plain ASCII.
    /// </summary>
    public static string KhongDau(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' => "d",
                'Đ' => "D",
                '“' or '”' or '„' or '«' or '»' => "\"",
                '‘' or '’' or '‚' => "'",
                '–' or '—' or '−' => "-",
                '…' => "...",
                '\u00A0' => " ",
                _ => c.ToString(),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>True when every character is in the GSM-7 basic alphabet.</summary>
    public static bool IsGsm7(string text) => text.All(Gsm7.Contains);

    /// <summary>The first character outside GSM-7, for the refusal that names it.</summary>
    public static char? FirstNonGsm7(string text) => text.FirstOrDefault(c => !Gsm7.Contains(c)) is var c && c != default ? c : null;

    /// <summary>What is sent: <see cref="KhongDau"/>, then anything still outside GSM-7 (an emoji, a symbol) dropped.</summary>
    public static string ToGsm7(string text)
    {
        var folded = KhongDau(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (Gsm7.Contains(c))
            {
                builder.Append(c);
            }
            else if (c is '\t')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }
}
