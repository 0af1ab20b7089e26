using System.Buffers;
using System.Text;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>Makes any string safe to write into a cell: valid XML, NFC, within Excel's cell limit.</summary>
internal static class SpreadsheetText
{
    /// <summary>Excel refuses (and "repairs") a file with a longer cell.</summary>
    internal const int MaxCellLength = 32_767;

    public static string Clean(string value)
    {
        if (IsClean(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate cannot be written as XML; keep a visible mark of the damage.
                rune = Rune.ReplacementChar;
            }

            span = span[consumed..];
            if (rune.Value == '\r')
            {
                // Excel breaks lines on LF; CRLF and a lone CR become one LF.
                if (span.IsEmpty || span[0] != '\n')
                {
                    builder.Append('\n');
                }
            }
            else if (IsAllowed(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        var text = builder.ToString().Normalize(NormalizationForm.FormC);
        if (text.Length > MaxCellLength)
        {
            var cut = char.IsHighSurrogate(text[MaxCellLength - 1]) ? MaxCellLength - 1 : MaxCellLength;
            text = text[..cut];
        }

        return text;
    }

    private static bool IsClean(string value)
    {
        if (value.Length > MaxCellLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            // Surrogates are checked the slow way; the usual Vietnamese text never has them.
            if ((c < 0x20 && c != '\t' && c != '\n') || char.IsSurrogate(c) || c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF')
            {
                return false;
            }
        }

        // Only now: IsNormalized throws on a lone surrogate.
        return value.IsNormalized(NormalizationForm.FormC);
    }

    // XML 1.0 forbids control characters other than tab and newline; noncharacters are not text either.
    private static bool IsAllowed(Rune rune) =>
        rune.Value switch
        {
            '\t' or '\n' => true,
            < 0x20 => false,
            >= 0xFDD0 and <= 0xFDEF => false,
            _ => (rune.Value & 0xFFFE) != 0xFFFE,
        };
}
