using System.Globalization;
using System.Text;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>Excel's rules for a tab name; a name that breaks them makes Excel refuse or "repair" the file.</summary>
internal static class SheetNames
{
    internal const int MaxLength = 31;

    /// <summary>Excel keeps this name for its own change-history sheet.</summary>
    private const string Reserved = "History";

    public static string MakeValid(string? requested, int position, IReadOnlySet<string> taken)
    {
        var name = Clean(requested);
        if (name.Length == 0)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"Trang {position}");
        }

        if (!taken.Contains(name) && !string.Equals(name, Reserved, StringComparison.OrdinalIgnoreCase))
        {
            return name;
        }

        for (var n = 2; ; n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            var candidate = Truncate(name, MaxLength - suffix.Length).TrimEnd() + suffix;
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Clean(string? requested)
    {
        var text = SpreadsheetText.Clean(requested ?? string.Empty);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '[' => '(',
                ']' => ')',
                ':' or '*' or '?' or '/' or '\\' => '-',
                _ when char.IsControl(c) => ' ',
                _ => c,
            });
        }

        // A tab name may not start or end with an apostrophe (Excel quotes names with it).
        var name = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Truncate(name.Trim(' ', '\''), MaxLength).Trim(' ', '\'');
    }

    private static string Truncate(string value, int length)
    {
        if (value.Length <= length)
        {
            return value;
        }

        return char.IsHighSurrogate(value[length - 1]) ? value[..(length - 1)] : value[..length];
    }
}
