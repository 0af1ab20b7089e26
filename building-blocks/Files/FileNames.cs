using System.Buffers;
using System.Globalization;
using System.Text;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Files;

/// <summary>
/// Turns the name a browser declared into one that is safe to store and to offer back in a download:
/// no folders, NFC, no control or invisible characters, at most <see cref="MaxLength"/> characters.
/// The name is only ever shown and put in Content-Disposition (contents are stored by hash), never used as a path.
/// </summary>
internal static class FileNames
{
    public const int MaxLength = 255;

    public const string Fallback = "tep-dinh-kem";

    // Characters Windows refuses in a name; a download saved on Windows must not be renamed or cut at them.
    private static readonly SearchValues<char> Reserved = SearchValues.Create("<>:\"|?*");

    public static string Sanitize(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return Fallback;
        }

        // Refused rather than cleaned: a name with a right-to-left override ("bao-cao‮fdp.exe") or a
        // control character is either broken or a disguise, and the person can simply rename the file.
        var normalized = VietnameseText.TryNormalize(declared) ?? throw FileProblems.NameInvalid();

        // Browsers send a bare name, but old ones (and scripts) send "C:\x\Báo cáo.pdf" or "../../etc/passwd".
        var name = normalized[(normalized.LastIndexOfAny(['/', '\\']) + 1)..];
        if (name.AsSpan().ContainsAny(Reserved))
        {
            var builder = new StringBuilder(name);
            for (var i = 0; i < builder.Length; i++)
            {
                if (Reserved.Contains(builder[i]))
                {
                    builder[i] = '_';
                }
            }

            name = builder.ToString();
        }

        // Leading dots hide a file on Unix; trailing dots and spaces are dropped by Windows.
        name = name.Trim().Trim('.').Trim();
        return name.Length == 0 ? Fallback : Shorten(name);
    }

    /// <summary>
    /// The name to put in a download's Content-Disposition: the same rules as an upload, but never failing, so a
    /// name stored before a rule existed (a quote, a control character) cannot break or inject a header.
    /// </summary>
    public static string ForDownload(string? stored)
    {
        try
        {
            return Sanitize(stored);
        }
        catch (DoanKetSangTao.ServiceDefaults.Http.ProblemException)
        {
            return Fallback;
        }
    }

    /// <summary>The lower-case extension with its dot (".pdf"), or "" when the name has none.</summary>
    public static string ExtensionOf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? "" : name[dot..].ToLowerInvariant();
    }

    /// <summary>Adds the type's extension to a name whose own extension says nothing about it ("Quyết định 12.2024").</summary>
    public static string WithExtension(string name, string extension) => Shorten(name, extension) + extension;

    private static string Shorten(string name, string suffix = "")
    {
        var budget = MaxLength - suffix.Length;
        if (name.Length <= budget)
        {
            return name;
        }

        // Keep the extension so the download still opens in the right program; cut the stem on a
        // text-element boundary so no surrogate pair or combining mark is split.
        var extension = suffix.Length == 0 ? ExtensionOf(name) : "";
        if (extension.Length >= budget / 2)
        {
            extension = "";
        }

        var stem = name[..^extension.Length];
        var keep = budget - extension.Length;
        var cut = 0;
        var elements = StringInfo.GetTextElementEnumerator(stem);
        while (elements.MoveNext() && elements.ElementIndex + elements.GetTextElement().Length <= keep)
        {
            cut = elements.ElementIndex + elements.GetTextElement().Length;
        }

        return stem[..cut].TrimEnd() + extension;
    }
}
