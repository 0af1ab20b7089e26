using System.Globalization;
using System.Text;

namespace DoanKetSangTao.Domain;

/// <summary>
/// Vietnamese text rules shared by every service: stored text is NFC (a "ế" typed on a Mac (NFD) and on
/// Windows (NFC) must be the same string), and search ignores diacritics ("sang kien" finds "sáng kiến").
/// </summary>
public static class VietnameseText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Trims and normalizes to NFC. Returns null for text that is not valid Unicode (lone surrogates, noncharacters, U+FFFD left by a broken encoding) or carries control or invisible format characters.</summary>
    public static string? TryNormalize(string? value, bool allowNewLines = false)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var rune in EnumerateRunesStrict(value))
        {
            if (rune is null)
            {
                return null;
            }

            var r = rune.Value;
            if (Rune.IsControl(r) && !(allowNewLines && (r.Value == '\n' || r.Value == '\r' || r.Value == '\t')))
            {
                return null;
            }

            // U+FFFD is what a broken encoding leaves behind (a lone surrogate or bad UTF-8 on the way in):
            // storing it would keep the damage, so the person is asked to type the text again.
            if (r.Value == 0xFFFD)
            {
                return null;
            }

            // Noncharacters (which NFC normalization refuses) and invisible format characters (bidi
            // overrides, zero-width marks) have no place in a name or a title and can disguise one.
            if ((r.Value & 0xFFFE) == 0xFFFE || r.Value is >= 0xFDD0 and <= 0xFDEF
                || Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.Format)
            {
                return null;
            }
        }

        return value.Trim().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Lower-case, diacritic-free form for search keys: "Đoàn kết Sáng tạo" → "doan ket sang tao".</summary>
    public static string Fold(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch { 'đ' => 'd', 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The key text is searched and compared by: <see cref="Fold"/>, with everything but letters and digits
    /// turned into single spaces ("Sáng kiến: “Tổ công nghệ số”" → "sang kien to cong nghe so"). One function
    /// for every service, so that a key written by one is found by a query folded by another.
    /// </summary>
    public static string SearchKey(string text)
    {
        var folded = Fold(text).ToLowerInvariant();
        var chars = folded.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<Rune?> EnumerateRunesStrict(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                yield return null;
                yield break;
            }

            yield return rune;
            i += consumed;
        }
    }
}
